import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_GROUPS } from '../../bot/sandbox/demo.ts';
import { builtinCommands } from '../../core/chat/commands/index.ts';
import { cleanText, parseCommand } from '../../core/chat/parse.ts';
import type { IncomingMessage, Platform } from '../../core/chat/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TRY_LATER } from './support.ts';

/** Reproduce a failure with FUZZ_SEED=<seed printed in the test name>. */
const SEED = Number(process.env.FUZZ_SEED ?? 20210926);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const WORDS = builtinCommands.flatMap((c) => [...c.words, ...c.slash.map((s) => `/${s}`)]);
const ADVERSARIAL = [
  "'; drop table trainees; --",
  "1' or '1'='1",
  'select * from accounts',
  '$1 $2 %s %d {0} ${process.env}',
  '<script>alert(1)</script>',
  '<b>粗体</b><a href="javascript:alert(1)">点我</a>',
  '**粗体** _斜体_ [链接](http://127.0.0.1/x) `代码` # 标题 > 引用',
  '@所有人 @all <at id="1"/>',
  '\u202E倒序文本\u202C',
  '\u200F\u200E\u200B\u2060\uFEFF',
  '\u0000\u0001\u0007\u001b[31m\u007f',
  '\r\n\t\v\f',
  '👍🏽👨‍👩‍👧‍👦🔥🀄️',
  '𠀀𪚥𰻞',
  'Z̷̡̛͓a̶͎̍l̸̰̓g̶̱̈o̴̟͗',
  '\uD800',
  '１２３４５６７８９０',
  '　　　',
  'NaN',
  'undefined',
  'null',
  '-1e308',
  '99999999999999999999',
  '2021-13-45 25:61',
  '明天 后天 下周一 9点',
  '买买提·艾力',
  '张伟-演示市网信办',
  '公需',
  '专业',
  '初级',
  '副高级',
  '王芳 100 专业',
  '-0.5',
  '......',
  '"“”‘’「」『』',
  '\\',
  '%00%2e%2e%2f',
];
const NAMES = ['张伟', '买买提·艾力', '买买提•艾力', '李娜', '王芳', '古丽娜尔·吐尔逊', '郭强', '艾尔肯·吐尔洪', '不存在的人'];

function junk(r: Rng): string {
  switch (r.int(6)) {
    case 0:
      return r.pick(ADVERSARIAL);
    case 1:
      return String.fromCharCode(...Array.from({ length: 1 + r.int(20) }, () => r.int(0x3000)));
    case 2:
      return r.pick(NAMES);
    case 3:
      return String(r.next() < 0.5 ? r.int(1000) - 100 : r.next() * 1e6);
    case 4:
      return r.pick(ADVERSARIAL).repeat(1 + r.int(50));
    default:
      return r.pick(WORDS);
  }
}

function text(r: Rng): string {
  const roll = r.next();
  if (roll < 0.02) return 'x'.repeat(5_000 + r.int(100_000));
  if (roll < 0.04) return r.pick(WORDS) + ' ' + '字'.repeat(3_000 + r.int(20_000));
  if (roll < 0.06) return '';
  const parts: string[] = [];
  if (r.chance(0.3)) parts.push(r.pick(['@培训助手', '＠培训助手', '@bot', '']));
  if (r.chance(0.7)) parts.push(r.pick(WORDS));
  for (let i = r.int(5); i > 0; i--) parts.push(junk(r));
  return parts.join(r.pick([' ', '　', '', '\n', '，']));
}

function isClear(reply: string, input: string) {
  if (!reply.trim()) return 'empty reply';
  if (reply === TRY_LATER) return 'internal failure (稍后再试)';
  for (const bad of ['undefined', 'NaN', '[object Object]', 'Error:', '    at '])
    if (reply.includes(bad) && !input.includes(bad.trim())) return `reply shows ${bad}`;
  return undefined;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ policy: null, env: { ADMIN_IDS: 'sandbox:fuzz-admin' } });
});
afterAll(() => t.close());

describe(`fuzz (seed ${SEED})`, () => {
  it('the command parser takes 20,000 random and adversarial texts without throwing', () => {
    const r = prng(SEED);
    const names = new Set(builtinCommands.map((c) => c.name));
    for (let i = 0; i < 20_000; i++) {
      const input = text(r);
      const cmd = parseCommand(input, builtinCommands);
      if (cmd) expect(names.has(cmd.name), `#${i}`).toBe(true);
      expect(typeof cleanText(input)).toBe('string');
    }
  });

  it('engine.handle answers 1,500 random and adversarial messages, each reply a clear message, none a crash', async () => {
    const r = prng(SEED + 1);
    const chats = [...SANDBOX_GROUPS.map((g) => g.chatId), 'fuzz-unknown-group', `g-${'长'.repeat(300)}`];
    const failures: string[] = [];
    // What the engine logs when a message fails, to say why in the failure list.
    let logged: unknown;
    t.app.core.log!.error = (obj: unknown) => void (logged = obj);
    for (let i = 0; i < 1_500; i++) {
      logged = undefined;
      const group = r.chance(0.8);
      const sender = r.chance(0.1) ? 'fuzz-admin' : r.chance(0.5) ? `trainee-${1 + r.int(30)}` : `fuzz-${r.int(50)}`;
      const msg: IncomingMessage = {
        platform: r.pick(['sandbox', 'dingtalk', 'telegram'] as Platform[]),
        chatId: group ? r.pick(chats) : `private:${sender}`,
        chatType: group ? 'group' : 'private',
        chatTitle: r.chance(0.8) ? '培训群' : r.chance(0.5) ? undefined : junk(r),
        senderId: sender,
        senderNick: r.chance(0.5) ? r.pick(NAMES) + (r.chance(0.3) ? r.pick(['-网信办', '（1001）', ' 1001', '_']) : '') : junk(r),
        senderIsAdmin: r.chance(0.1),
        text: text(r),
        // Some ids repeat: redeliveries must be answered with silence, not an error.
        messageId: r.chance(0.05) ? `fuzz-dup-${r.int(20)}` : `fuzz-${SEED}-${i}`,
        at: t.clock.now(),
      };
      if (r.chance(0.01)) t.clock.advance(r.int(30) * 86_400_000 - 10 * 86_400_000);
      let replies;
      try {
        replies = await t.app.engine.handle(msg);
      } catch (e) {
        failures.push(`#${i} threw ${String(e)} for ${JSON.stringify(msg.text.slice(0, 80))}`);
        continue;
      }
      for (const reply of replies) {
        const why = isClear(reply.text, msg.text + msg.senderNick + (msg.chatTitle ?? ''));
        if (why) failures.push(`#${i} ${why}: ${JSON.stringify(msg.text.slice(0, 80))} in ${msg.platform}:${msg.chatId.slice(0, 20)} → ${JSON.stringify(reply.text.slice(0, 120))} ${JSON.stringify(logged ?? '')}`);
        if (!['group', 'private'].includes(reply.target)) failures.push(`#${i} bad target ${reply.target}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the HTTP endpoints take 9,000 random and malformed requests with no 5xx', async () => {
    const r = prng(SEED + 2);
    const people = ['stranger', 'admin', ...Array.from({ length: 30 }, (_, i) => `trainee-${i + 1}`)];
    const deep = (n: number): unknown => (n ? { a: deep(n - 1) } : 1);
    const bodies: Array<() => { payload: string; type: string }> = [
      () => ({ payload: JSON.stringify({ chatId: r.pick(SANDBOX_GROUPS).chatId, personId: r.pick(people), text: text(r) || '签到' }), type: 'application/json' }),
      () => ({ payload: JSON.stringify({ chatId: r.pick(SANDBOX_GROUPS).chatId, personId: r.pick(people), nick: junk(r).slice(0, 100), text: text(r).slice(0, 4000) || '帮助' }), type: 'application/json' }),
      () => ({ payload: JSON.stringify(r.pick([null, [], 1, 'x', true, {}, { chatId: 5 }, { chatId: 'x', personId: 'y', text: '' }, { text: 'x'.repeat(10_000) }])), type: 'application/json' }),
      () => ({ payload: JSON.stringify({ chatId: junk(r), personId: junk(r), text: junk(r), extra: junk(r) }), type: 'application/json' }),
      () => ({ payload: JSON.stringify({ __proto__: { isAdmin: true }, constructor: { prototype: { x: 1 } }, chatId: 'sandbox-junior', personId: 'stranger', text: '签到' }), type: 'application/json' }),
      () => ({ payload: JSON.stringify(deep(200 + r.int(800))), type: 'application/json' }),
      () => ({ payload: r.pick(['{bad', '{"chatId":', '\u0000', '', '[1,2', '{"a":1}}', '"\\ud800"']), type: 'application/json' }),
      () => ({ payload: `chatId=sandbox-junior&personId=stranger&text=${[...Buffer.from(junk(r))].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`, type: 'application/x-www-form-urlencoded' }),
      () => ({ payload: junk(r), type: r.pick(['text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/json; charset=gbk', '']) }),
    ];
    const paths = ['/healthz', '/healthz?verbose=1', `/healthz?${junk(r)}`, '/sandbox/api/state', '/sandbox/api/transcript?since=-1', '/sandbox/api/transcript?since=abc', '/sandbox', '/%00', '/..%2f..%2fetc%2fpasswd', `/${'a'.repeat(5000)}`, '/sandbox/api/send'];
    const failures: string[] = [];
    let reachedEngine = 0;
    for (let i = 0; i < 9_000; i++) {
      let res;
      if (r.chance(0.6)) {
        // Valid-looking sends are few: each one is a full conversation turn on the database.
        const kind = r.chance(0.05) ? r.int(2) : 2 + r.int(bodies.length - 2);
        const b = bodies[kind]!();
        res = await t.app.server.inject({ method: 'POST', url: '/sandbox/api/send', payload: b.payload, headers: b.type ? { 'content-type': b.type } : {} });
        if (kind < 2 && res.statusCode === 200) reachedEngine++;
      } else {
        const method = r.pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const);
        res = await t.app.server.inject({ method, url: r.pick(paths), headers: r.chance(0.2) ? { 'x-forwarded-for': junk(r).replace(/[^\x20-\x7e]/g, ''), accept: junk(r).replace(/[^\x20-\x7e]/g, '') } : {} });
      }
      if (res.statusCode >= 500) failures.push(`#${i} ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode === 200 && res.body && res.headers['content-type']?.toString().includes('json')) {
        const body = res.json() as { entries?: Array<{ from: string; text: string }> };
        for (const e of body.entries ?? []) if (e.from === 'bot' && (e.text === TRY_LATER || !e.text.trim())) failures.push(`#${i} unclear reply ${JSON.stringify(e.text)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(reachedEngine).toBeGreaterThan(100);
  });
});
