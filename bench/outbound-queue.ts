/**
 * The shared outbound queue in simulated time (no network): bursts over each group's budget of
 * 20 a minute, plus private messages, with every 50th first try refused as "too fast" (130101).
 * Two shapes: the real deployment (3 training groups, 100 messages each) and many groups (300 × 25)
 * where the app-wide 40/s budget dominates. Reports wall time, simulated minutes and the most sends
 * any group saw in a rolling minute (must be ≤ 20).
 *
 *   npx tsx bench/outbound-queue.ts
 */
import { pathToFileURL } from 'node:url';
import type { FailedMessage, FailedMessageStore, Logger } from '../core/ports.ts';
import { SendQueue } from '../bot/outbound/send-queue.ts';
import { VirtualTimers } from '../bot/outbound/virtual-timers.ts';
import { type BenchLine, rssMb } from './support.ts';

const MIN = 60_000;

async function run(name: string, groups: number, perGroup: number, privates: number): Promise<BenchLine> {
  const failures: FailedMessage[] = [];
  const failed: FailedMessageStore = { record: async (f) => void failures.push(f), list: async () => [] };
  const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
  const timers = new VirtualTimers(0);
  const queue = new SendQueue({
    perKey: (k) => (k.startsWith('user:') ? null : { max: 20, windowMs: MIN }),
    global: { max: 40, windowMs: 1_000 },
    failed,
    log: quiet,
    timers,
  });
  let refused = 0;
  const sentAt = new Map<string, number[]>();
  const latency = () => new Promise<void>((r) => timers.setTimeout(r, 30));
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
            await latency();
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
          await latency();
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
      for (let j = 0; j <= i; j++) if (ts[j]! > ts[i]! - MIN) n++;
      maxPerMinute = Math.max(maxPerMinute, n);
    }
  const s = queue.stats();
  const total = groups * perGroup + privates;
  return {
    name,
    groups,
    perGroup,
    privates,
    sent: s.sent,
    retries: s.retries,
    refusedFirstTries: refused,
    failed: s.failed + failures.length,
    maxSendsPerGroupPerRollingMinute: maxPerMinute,
    simulatedMinutes: +(timers.now() / MIN).toFixed(2),
    wallMs: Math.round(wallMs),
    messagesPerWallSecond: Math.round(total / (wallMs / 1000)),
    rssMb: rssMb(),
  };
}

export async function benchOutboundQueue(): Promise<BenchLine[]> {
  return [await run('outbound_queue_three_groups', 3, 100, 300), await run('outbound_queue_many_groups', 300, 25, 1_000)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchOutboundQueue()) console.log(JSON.stringify(line));
}
