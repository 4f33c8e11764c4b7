import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadCampaign } from '../../core/campaign/load.ts';
import type { Level } from '../../core/campaign/schema.ts';
import { policyCli as t } from '../../core/locales/zh-CN/policy.ts';
import { createPolicyService } from '../../core/policy/index.ts';
import type { PolicyAnswer } from '../../core/policy/index.ts';
import { levelsNamed } from '../../core/policy/intent.ts';
import { canonicalise } from '../../core/policy/text.ts';

export interface AskIo {
  /** Defaults to the process's stdin (the `cebot` dispatcher passes only stdout/stderr/env). */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The batch/JSON shape: `answer` is the reply text. */
const toJson = (a: PolicyAnswer) =>
  JSON.stringify({ question: a.question, found: a.found, answer: a.text, sources: a.sources, score: a.score });

/**
 * `cebot ask "问题"` prints the answer; `--json` prints one JSON object; with no question it reads
 * one question per line from stdin and prints one JSON object per line (batch evaluation).
 */
export async function runAsk(args: string[], io: AskIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        level: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`${t.badOption((e as Error).message)}\n${t.usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${t.usage}\n`);
    return 0;
  }
  let level: Level | undefined;
  if (values.level !== undefined) {
    level = levelsNamed(canonicalise(values.level))[0];
    if (!level) {
      io.stderr.write(`${t.badLevel(values.level)}\n`);
      return 2;
    }
  }
  let fixedNow: Date | undefined;
  if (values.now !== undefined) {
    fixedNow = new Date(values.now);
    if (Number.isNaN(fixedNow.getTime())) {
      io.stderr.write(`${t.badNow(values.now)}\n`);
      return 2;
    }
  }

  const service = createPolicyService(loadCampaign(process.env.CAMPAIGN || undefined));
  const ask = (q: string) => service.answer(q, { level, now: fixedNow ?? new Date() });

  const question = positionals.join(' ').trim();
  if (question) {
    const a = ask(question);
    io.stdout.write(values.json ? `${toJson(a)}\n` : `${a.text}\n`);
    return 0;
  }
  const lines = createInterface({ input: io.stdin ?? process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const q = line.trim();
    if (q) io.stdout.write(`${toJson(ask(q))}\n`);
  }
  return 0;
}
