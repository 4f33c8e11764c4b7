import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failedMessageStore } from '../../db/stores/failed-messages.ts';
import type { Database } from '../../db/types.ts';
import type { FailedMessageStore } from '../../core/ports.ts';
import { type AttemptResult, type OutboundJob, SendQueue, type SendQueueOptions } from '../../bot/outbound/send-queue.ts';
import { VirtualTimers } from '../../bot/outbound/virtual-timers.ts';
import { testDatabase } from '../support/db.ts';
import { memoryLogger } from './memory-log.ts';
import { failedMessages } from '../../db/schema/index.ts';

const MIN = 60_000;

let d: Database;
let failed: FailedMessageStore;
beforeAll(async () => {
  d = await testDatabase();
  failed = failedMessageStore(d.db);
});
afterAll(() => d.close());
beforeEach(async () => {
  await d.db.delete(failedMessages);
});

/** Every call the fake platform got: virtual time, key, job label, attempt number. */
interface Call {
  t: number;
  key: string;
  label: string;
  attempt: number;
}

function setup(opts: Partial<SendQueueOptions> = {}) {
  const timers = new VirtualTimers(1_000_000);
  const log = memoryLogger();
  const queue = new SendQueue({ perKey: { max: 20, windowMs: MIN }, failed, log, timers, random: () => 0.5, ...opts });
  const calls: Call[] = [];
  /** A job whose platform answers with `answers` in turn (then ok), taking `latencyMs` of simulated time. */
  const job = (key: string, label: string, answers: AttemptResult[] = [], latencyMs = 50, extra: Partial<OutboundJob> = {}): OutboundJob => ({
    key,
    describe: { platform: 'test', chatId: key, private: false, text: label },
    async send(attempt) {
      calls.push({ t: timers.now(), key, label, attempt });
      await new Promise<void>((r) => timers.setTimeout(r, latencyMs));
      return answers[attempt - 1] ?? { ok: true };
    },
    ...extra,
  });
  return { timers, log, queue, calls, job };
}

/** Largest number of sends to one key that started inside any window of `windowMs`. */
function maxInWindow(calls: Call[], windowMs: number): number {
  let max = 0;
  for (const c of calls) {
    const n = calls.filter((o) => o.key === c.key && o.t <= c.t && o.t > c.t - windowMs).length;
    max = Math.max(max, n);
  }
  return max;
}

const tooFast: AttemptResult = { ok: false, retryable: true, error: 'errcode 130101: send too fast' };

describe('SendQueue', () => {
  it('sends a burst of 25 to one group without ever exceeding 20 in a rolling minute, in order', async () => {
    const { timers, queue, calls, job } = setup();
    const results = Array.from({ length: 25 }, (_, i) => queue.enqueue(job('g1', `m${i}`)));
    await timers.runUntilIdle();
    expect((await Promise.all(results)).every((r) => r.ok)).toBe(true);
    expect(calls.map((c) => c.label)).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    expect(maxInWindow(calls, MIN)).toBe(20);
    // The 21st waits for the 1st to leave the window (counted from the end of its send).
    expect(calls[20].t - calls[0].t).toBeGreaterThanOrEqual(MIN + 50);
    expect(queue.stats()).toMatchObject({ queued: 0, inFlight: 0, sent: 25, retries: 0, failed: 0 });
  });

  it('keeps groups independent: a full group does not hold back another', async () => {
    const { timers, queue, calls, job } = setup();
    for (let i = 0; i < 25; i++) void queue.enqueue(job('busy', `b${i}`));
    const other = queue.enqueue(job('quiet', 'q'));
    await timers.advance(5_000);
    expect(await other).toEqual({ ok: true });
    expect(calls.find((c) => c.key === 'quiet')!.t).toBeLessThan(calls.find((c) => c.label === 'b20')?.t ?? Infinity);
    await timers.runUntilIdle();
  });

  it('retries a rate-limited send with growing waits, delivering it once and keeping order', async () => {
    const { timers, queue, calls, job, log } = setup({ retry: { baseMs: 1_000, factor: 2, capMs: 60_000, maxAttempts: 5 } });
    const a = queue.enqueue(job('g', 'a', [tooFast, tooFast]));
    const b = queue.enqueue(job('g', 'b'));
    await timers.runUntilIdle();
    expect(await a).toEqual({ ok: true });
    expect(await b).toEqual({ ok: true });
    expect(calls.map((c) => `${c.label}${c.attempt}`)).toEqual(['a1', 'a2', 'a3', 'b1']);
    // random() = 0.5 → equal jitter gives 3/4 of the exponential delay: 750 ms, then 1500 ms.
    expect(calls[1].t - calls[0].t).toBe(50 + 750);
    expect(calls[2].t - calls[1].t).toBe(50 + 1_500);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(queue.stats()).toMatchObject({ sent: 2, retries: 2, failed: 0 });
    expect(await failed.list()).toHaveLength(0);
  });

  it('honours a retry-after the platform gives when it is longer than the backoff', async () => {
    const { timers, queue, calls, job } = setup();
    const r = queue.enqueue(job('g', 'x', [{ ok: false, retryable: true, error: '429', retryAfterMs: 30_000 }]));
    await timers.runUntilIdle();
    expect(await r).toEqual({ ok: true });
    expect(calls[1].t - calls[0].t).toBe(50 + 30_000);
  });

  it('caps the backoff', async () => {
    const { timers, queue, calls, job } = setup({ retry: { baseMs: 1_000, factor: 10, capMs: 4_000, maxAttempts: 4 } });
    void queue.enqueue(job('g', 'x', [tooFast, tooFast, tooFast]));
    await timers.runUntilIdle();
    const gaps = calls.slice(1).map((c, i) => c.t - calls[i].t - 50);
    expect(gaps).toEqual([750, 3_000, 3_000]);
  });

  it('records a message that fails for good, with the reason and attempts, and logs it without the text', async () => {
    const { timers, queue, job, log } = setup();
    const r = queue.enqueue(job('g9', '您的学时：公需 12 小时', [{ ok: false, retryable: false, error: 'errcode 400002: bad param' }]));
    await timers.runUntilIdle();
    await queue.idle();
    expect(await r).toEqual({ ok: false, error: 'errcode 400002: bad param' });
    const rows = await failed.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ platform: 'test', chatId: 'g9', text: '您的学时：公需 12 小时', reason: 'errcode 400002: bad param', attempts: 1 });
    const err = log.lines.find((l) => l.level === 'error')!;
    expect(JSON.stringify(err)).toContain('400002');
    expect(JSON.stringify(err)).not.toContain('学时');
  });

  it('gives up on a send that stays rate limited after maxAttempts and records it', async () => {
    const { timers, queue, calls, job } = setup({ retry: { maxAttempts: 3 } });
    const r = queue.enqueue(job('g', 'x', [tooFast, tooFast, tooFast]));
    await timers.runUntilIdle();
    await queue.idle();
    expect((await r).ok).toBe(false);
    expect(calls).toHaveLength(3);
    const [row] = await failed.list();
    expect(row).toMatchObject({ attempts: 3 });
    expect(row.reason).toContain('130101');
    expect(row.reason).toContain('gave up after 3 attempts');
  });

  it('does not retry a sender that throws', async () => {
    const { timers, queue } = setup();
    let n = 0;
    const r = queue.enqueue({
      key: 'g',
      describe: { platform: 'test', chatId: 'g', private: false, text: 't' },
      send: async () => {
        n++;
        throw new Error('boom');
      },
    });
    await timers.runUntilIdle();
    expect(await r).toEqual({ ok: false, error: 'sender threw: boom' });
    expect(n).toBe(1);
  });

  it('sends a job with the same id once, queued or recently sent', async () => {
    const { timers, queue, calls, job } = setup();
    const a = queue.enqueue(job('g', 'first', [], 50, { id: 'reply-1' }));
    const b = queue.enqueue(job('g', 'second', [], 50, { id: 'reply-1' }));
    await timers.runUntilIdle();
    const c = queue.enqueue(job('g', 'third', [], 50, { id: 'reply-1' }));
    await timers.runUntilIdle();
    expect([await a, await b, await c]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(calls.map((x) => x.label)).toEqual(['first']);
  });

  it('applies a global budget across keys', async () => {
    const { timers, queue, calls, job } = setup({ global: { max: 5, windowMs: 1_000 } });
    for (const key of ['a', 'b', 'c']) for (let i = 0; i < 10; i++) void queue.enqueue(job(key, `${key}${i}`, [], 10));
    await timers.runUntilIdle();
    expect(calls).toHaveLength(30);
    let max = 0;
    for (const c of calls) max = Math.max(max, calls.filter((o) => o.t <= c.t && o.t > c.t - 1_000).length);
    expect(max).toBeLessThanOrEqual(5);
  });

  it('lets some keys go unlimited', async () => {
    const { timers, queue, calls, job } = setup({ perKey: (k) => (k.startsWith('user:') ? null : { max: 1, windowMs: MIN }) });
    for (let i = 0; i < 5; i++) void queue.enqueue(job('user:1', `u${i}`, [], 1));
    await timers.advance(100);
    expect(calls).toHaveLength(5);
  });

  it('on close sends what it can within the grace period and records the rest as failed', async () => {
    const { timers, queue, job } = setup();
    const rs = Array.from({ length: 22 }, (_, i) => queue.enqueue(job('g', `m${i}`)));
    const closed = queue.close(5_000);
    await timers.runUntilIdle();
    await closed;
    const results = await Promise.all(rs);
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    const rows = await failed.list();
    expect(rows.map((r) => r.text).sort()).toEqual(['m20', 'm21']);
    expect(rows[0].reason).toContain('shut down');
    const late = await queue.enqueue(job('g', 'late'));
    expect(late.ok).toBe(false);
    expect(await failed.list()).toHaveLength(3);
  });
});
