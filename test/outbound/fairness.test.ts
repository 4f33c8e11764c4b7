import { expect, it } from 'vitest';
import { SendQueue } from '../../bot/outbound/send-queue.ts';
import { VirtualTimers } from '../../bot/outbound/virtual-timers.ts';
import { memoryLogger } from './memory-log.ts';

it('shares the global budget among waiting groups in turn: a group that just sent goes to the back', async () => {
  const timers = new VirtualTimers(0);
  const queue = new SendQueue({
    perKey: { max: 20, windowMs: 60_000 },
    global: { max: 4, windowMs: 1_000 },
    failed: { record: async () => {}, list: async () => [] },
    log: memoryLogger(),
    timers,
  });
  const firstSend = new Map<string, number>();
  const all: Array<Promise<unknown>> = [];
  // Ten groups with five posts each, queued group by group.
  for (let g = 0; g < 10; g++)
    for (let i = 0; i < 5; i++)
      all.push(
        queue.enqueue({
          key: `g${g}`,
          describe: { platform: 'test', chatId: `g${g}`, private: false, text: `${i}` },
          send: async () => {
            if (!firstSend.has(`g${g}`)) firstSend.set(`g${g}`, timers.now());
            await new Promise<void>((r) => timers.setTimeout(r, 10));
            return { ok: true };
          },
        }),
      );
  await timers.runUntilIdle();
  await Promise.all(all);
  // With 4 sends a second, every one of the 10 groups has had its first post out within 3 windows,
  // instead of the first groups draining all their posts before the last group is served.
  expect(firstSend.size).toBe(10);
  expect(Math.max(...firstSend.values())).toBeLessThan(3_000 + 100);
});
