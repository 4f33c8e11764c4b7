/**
 * Outbound queue throughput in simulated time: many groups each sent a burst over their
 * per-minute budget, plus private messages. Prints wall time, simulated time and the largest
 * number of sends any group saw in a rolling minute (must be ≤ 20).
 *
 *   npx tsx bench/outbound-queue.ts [groups=300] [perGroup=25]
 */
import type { FailedMessage, FailedMessageStore, Logger } from '../core/ports.ts';
import { SendQueue } from '../bot/outbound/send-queue.ts';
import { VirtualTimers } from '../bot/outbound/virtual-timers.ts';

const groups = Number(process.argv[2] ?? 300);
const perGroup = Number(process.argv[3] ?? 25);
const privates = 1_000;
const MIN = 60_000;

const failures: FailedMessage[] = [];
const failed: FailedMessageStore = { record: async (f) => void failures.push(f), list: async () => [] };
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const timers = new VirtualTimers(0);
let refused = 0;
const queue = new SendQueue({
  perKey: (k) => (k.startsWith('user:') ? null : { max: 20, windowMs: MIN }),
  global: { max: 40, windowMs: 1_000 },
  failed,
  log: quiet,
  timers,
});

const sentAt = new Map<string, number[]>();
const started = performance.now();
const all: Array<Promise<unknown>> = [];
for (let g = 0; g < groups; g++)
  for (let i = 0; i < perGroup; i++) {
    const key = `group:${g}`;
    all.push(
      queue.enqueue({
        key,
        describe: { platform: 'bench', chatId: key, private: false, text: `${i}` },
        async send(attempt) {
          // Every 50th first try is refused as "too fast", to exercise the retry path.
          await new Promise<void>((r) => timers.setTimeout(r, 30));
          if (attempt === 1 && i % 50 === 7) {
            refused++;
            return { ok: false, retryable: true, error: '130101' };
          }
          const list = sentAt.get(key) ?? [];
          list.push(timers.now());
          sentAt.set(key, list);
          return { ok: true };
        },
      }),
    );
  }
for (let u = 0; u < privates; u++)
  all.push(
    queue.enqueue({
      key: `user:${u}`,
      describe: { platform: 'bench', chatId: `user:${u}`, private: true, text: 'p' },
      send: async () => {
        await new Promise<void>((r) => timers.setTimeout(r, 30));
        return { ok: true };
      },
    }),
  );

await timers.runUntilIdle();
await Promise.all(all);
const wallMs = performance.now() - started;

let maxPerMinute = 0;
for (const ts of sentAt.values())
  for (let i = 0; i < ts.length; i++) {
    let n = 0;
    for (let j = 0; j <= i; j++) if (ts[j] > ts[i] - MIN) n++;
    maxPerMinute = Math.max(maxPerMinute, n);
  }

const s = queue.stats();
const total = groups * perGroup + privates;
console.log(
  JSON.stringify(
    {
      messages: total,
      sent: s.sent,
      retries: s.retries,
      refusedFirstTries: refused,
      failed: s.failed + failures.length,
      maxSendsPerGroupPerRollingMinute: maxPerMinute,
      simulatedMinutes: +(timers.now() / MIN).toFixed(2),
      wallMs: Math.round(wallMs),
      messagesPerWallSecond: Math.round(total / (wallMs / 1000)),
    },
    null,
    2,
  ),
);
