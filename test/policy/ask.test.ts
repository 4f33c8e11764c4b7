import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAsk } from '../../bot/cli/ask.ts';

function streams(input = '') {
  const stdin = new PassThrough();
  stdin.end(input);
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (d) => into.push(String(d)));
    return s;
  };
  return { io: { stdin, stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
}

describe('cebot ask', () => {
  it('prints the answer text', async () => {
    const s = streams();
    expect(await runAsk(['--level', '副高', '培训费多少'], s.io)).toBe(0);
    expect(s.out()).toContain('副高级培训费每人313元');
    expect(s.out()).toContain('依据：《通知》');
  });

  it('prints one JSON object with --json', async () => {
    const s = streams();
    expect(await runAsk(['--json', '纸质材料交到哪里'], s.io)).toBe(0);
    const o = JSON.parse(s.out());
    expect(Object.keys(o)).toEqual(['question', 'found', 'answer', 'sources', 'score']);
    expect(o.found).toBe(true);
    expect(o.answer).toContain('干部处');
    expect(o.sources[0]).toEqual(expect.objectContaining({ id: 'paper-materials-destination' }));
    expect(Object.keys(o.sources[0])).toEqual(['id', 'title', 'quote']);
  });

  it('reads one question per line from stdin and prints one JSON object per line', async () => {
    const s = streams('副高评审费多少\n\n  考试不及格可以补考吗  \n钉钉群号\n');
    expect(await runAsk(['--now', '2021-10-01T10:00:00+08:00'], s.io)).toBe(0);
    const lines = s.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['副高评审费多少', '考试不及格可以补考吗', '钉钉群号']);
    expect(lines.map((l) => l.found)).toEqual([true, false, true]);
    expect(lines[0].answer).toContain('550');
  });

  it('rejects a bad level or option with exit code 2', async () => {
    const s = streams();
    expect(await runAsk(['--level', '特级', '问题'], s.io)).toBe(2);
    expect(s.err()).toContain('无法识别的级别');
    const t = streams();
    expect(await runAsk(['--bogus'], t.io)).toBe(2);
    expect(t.err()).toContain('用法');
  });
});
