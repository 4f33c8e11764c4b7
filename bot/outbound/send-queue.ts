import type { SendResult } from '../../core/chat/types.ts';
import { type Clock, type FailedMessageStore, type Logger, systemClock } from '../../core/ports.ts';
import { type BackoffPolicy, backoffDelay } from './backoff.ts';
import { type RateLimit, RollingWindow } from './rolling-window.ts';
import { type TimerHandle, type Timers, realTimers } from './timers.ts';

/** What one try of a send returned; the sender classifies the platform's answer. */
export type AttemptResult =
  | { ok: true }
  | {
      ok: false;
      /** Rate limited (DingTalk 130101, HTTP 429) or server error: the platform did not take it. */
      retryable: boolean;
      error: string;
      /** The platform said how long to wait (Telegram retry_after). */
      retryAfterMs?: number;
    };

export interface OutboundJob {
  /** Rate-limit bucket, e.g. `dingtalk:group:cid…`; jobs of one key go out in order, one at a time. */
  key: string;
  /** Idempotency key: a job with the same id still queued or sent recently is not sent again. */
  id?: string;
  /** One try. Called again on a retryable failure, so it may pick another route (expired webhook → API). */
  send(attempt: number): Promise<AttemptResult>;
  /** What the admin sees if it finally fails. */
  describe: { platform: string; chatId: string; private: boolean; text: string };
}

export interface RetryPolicy extends BackoffPolicy {
  /** Tries in total, the first one included. */
  maxAttempts: number;
}

export interface SendQueueOptions {
  /** Per-key budget; a function may give some keys (private chats) another budget or none (null). */
  perKey: RateLimit | ((key: string) => RateLimit | null);
  /** Optional budget across all keys (an app-wide API rate). */
  global?: RateLimit;
  retry?: Partial<RetryPolicy>;
  failed: FailedMessageStore;
  log: Logger;
  timers?: Timers;
  clock?: Clock;
  random?: () => number;
  /** How long a sent job's id keeps a duplicate from going out again. */
  dedupeTtlMs?: number;
}

export interface SendQueueStats {
  queued: number;
  inFlight: number;
  sent: number;
  retries: number;
  failed: number;
}

export const defaultRetry: RetryPolicy = { maxAttempts: 8, baseMs: 1_000, factor: 2, capMs: 60_000 };

interface Entry {
  job: OutboundJob;
  attempts: number;
  resolve(r: SendResult): void;
}

interface KeyState {
  key: string;
  jobs: Entry[];
  busy: boolean;
  notBefore: number;
  timer?: TimerHandle;
  timerAt?: number;
  window: RollingWindow | null;
}

/**
 * A rate-limited outgoing queue shared by the platform adapters. Each key (a group, a user) keeps
 * under its budget in any rolling window; retryable failures back off exponentially and retry the
 * same job (never a second copy); a job that finally fails is logged and recorded for the admin.
 */
export class SendQueue {
  private keys = new Map<string, KeyState>();
  private global: RollingWindow | null;
  private byId = new Map<string, { result: Promise<SendResult>; expiresAt?: number }>();
  private retry: RetryPolicy;
  private timers: Timers;
  private clock: Clock;
  private random: () => number;
  private counts = { sent: 0, retries: 0, failed: 0 };
  private pending = 0;
  private enqueued = 0;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closing = false;
  private stopped = false;
  private recordings = new Set<Promise<void>>();

  constructor(private opts: SendQueueOptions) {
    this.global = opts.global ? new RollingWindow(opts.global) : null;
    this.retry = { ...defaultRetry, ...opts.retry };
    this.timers = opts.timers ?? realTimers;
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
  }

  enqueue(job: OutboundJob): Promise<SendResult> {
    if (++this.enqueued % 500 === 0) this.sweep();
    if (job.id !== undefined) {
      const seen = this.byId.get(job.id);
      if (seen && (seen.expiresAt === undefined || seen.expiresAt > this.timers.now())) return seen.result;
    }
    if (this.closing) {
      const r = this.fail({ job, attempts: 0, resolve: () => {} }, 'not sent: shutting down');
      return r;
    }
    const result = new Promise<SendResult>((resolve) => {
      const k = this.keyState(job.key);
      k.jobs.push({ job, attempts: 0, resolve });
      this.pending++;
      this.pump(k);
    });
    if (job.id !== undefined) {
      const id = job.id;
      const rec: { result: Promise<SendResult>; expiresAt?: number } = { result };
      this.byId.set(id, rec);
      void result.then(() => {
        rec.expiresAt = this.timers.now() + (this.opts.dedupeTtlMs ?? 600_000);
        this.pruneIds();
      });
    }
    return result;
  }

  stats(): SendQueueStats {
    return { queued: this.pending, inFlight: this.inFlight, ...this.counts };
  }

  /** Resolves when nothing is queued or in flight (and every failure is recorded). */
  async idle(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
    await Promise.all(this.recordings);
  }

  /**
   * Stop taking jobs, give queued ones up to `graceMs` to go out, then record the rest as failed
   * (a restart must not lose them silently).
   */
  async close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    if (this.pending > 0) {
      let h: TimerHandle | undefined;
      await Promise.race([
        new Promise<void>((r) => this.idleWaiters.push(r)),
        new Promise<void>((r) => (h = this.timers.setTimeout(r, graceMs))),
      ]);
      if (h) this.timers.clearTimeout(h);
    }
    this.stopped = true;
    for (const k of this.keys.values()) {
      if (k.timer) this.timers.clearTimeout(k.timer);
      k.timer = undefined;
      const waiting = k.busy ? k.jobs.splice(1) : k.jobs.splice(0);
      for (const e of waiting) {
        this.pending--;
        void this.fail(e, `not sent: shut down after ${e.attempts} attempt(s)`);
      }
    }
    this.checkIdle();
    await this.idle();
  }

  private keyState(key: string): KeyState {
    let k = this.keys.get(key);
    if (!k) {
      const limit = typeof this.opts.perKey === 'function' ? this.opts.perKey(key) : this.opts.perKey;
      k = { key, jobs: [], busy: false, notBefore: 0, window: limit ? new RollingWindow(limit) : null };
      this.keys.set(key, k);
    }
    return k;
  }

  private pump(k: KeyState): void {
    if (k.busy || this.stopped) return;
    const now = this.timers.now();
    if (k.jobs.length === 0) return;
    const at = Math.max(k.notBefore, k.window?.nextFree(now) ?? now, this.global?.nextFree(now) ?? now);
    if (at > now) {
      if (at !== Infinity) this.wakeAt(k, at);
      return;
    }
    void this.run(k, k.jobs[0]!, now);
  }

  private wakeAt(k: KeyState, at: number): void {
    if (k.timer && k.timerAt !== undefined && k.timerAt <= at) return;
    if (k.timer) this.timers.clearTimeout(k.timer);
    k.timerAt = at;
    k.timer = this.timers.setTimeout(() => {
      k.timer = undefined;
      k.timerAt = undefined;
      this.pump(k);
    }, at - this.timers.now());
  }

  private async run(k: KeyState, e: Entry, startedAt: number): Promise<void> {
    k.busy = true;
    this.inFlight++;
    e.attempts++;
    const endKey = k.window?.take(startedAt);
    const endGlobal = this.global?.take(startedAt);
    let r: AttemptResult;
    try {
      r = await e.job.send(e.attempts);
    } catch (err) {
      // A sender must classify failures itself; a throw is a bug, retrying it would not help.
      r = { ok: false, retryable: false, error: `sender threw: ${err instanceof Error ? err.message : String(err)}` };
    }
    const end = this.timers.now();
    endKey?.(end);
    endGlobal?.(end);
    k.busy = false;
    this.inFlight--;

    if (r.ok) {
      k.jobs.shift();
      this.pending--;
      this.counts.sent++;
      e.resolve({ ok: true });
    } else if (r.retryable && e.attempts < this.retry.maxAttempts && !this.stopped) {
      this.counts.retries++;
      const wait = Math.max(r.retryAfterMs ?? 0, backoffDelay(e.attempts, this.retry, this.random));
      k.notBefore = end + wait;
      this.opts.log.warn(
        { key: k.key, attempt: e.attempts, waitMs: wait, reason: r.error },
        'outbound send refused, retrying later',
      );
    } else {
      k.jobs.shift();
      this.pending--;
      const reason = r.retryable ? `${r.error} (gave up after ${e.attempts} attempts)` : r.error;
      void this.fail(e, reason);
    }
    if (this.global) {
      // A global budget frees up for every key, not only this one. Least recently served first: a key
      // that just sent goes to the back, so a few busy groups cannot starve the others of the budget.
      this.keys.delete(k.key);
      this.keys.set(k.key, k);
      for (const other of this.keys.values()) this.pump(other);
    } else this.pump(k);
    this.checkIdle();
  }

  private fail(e: Entry, reason: string): Promise<SendResult> {
    this.counts.failed++;
    const d = e.job.describe;
    // The text stays out of the log: it may hold a trainee's figures.
    this.opts.log.error(
      { platform: d.platform, chatId: d.chatId, private: d.private, attempts: e.attempts, reason },
      'outbound message failed for good; kept in failed_messages',
    );
    const rec = this.opts.failed
      .record({ ...d, reason, attempts: e.attempts, at: this.clock.now() })
      .catch((err) => this.opts.log.error({ err: String(err), chatId: d.chatId }, 'could not record failed message'));
    this.recordings.add(rec);
    void rec.finally(() => this.recordings.delete(rec));
    const result: SendResult = { ok: false, error: reason };
    e.resolve(result);
    return rec.then(() => result);
  }

  private checkIdle(): void {
    if (this.pending > 0) return;
    const ws = this.idleWaiters.splice(0);
    for (const w of ws) w();
  }

  /** Drop state of keys that are idle and whose window has emptied. */
  private sweep(): void {
    const now = this.timers.now();
    for (const [key, k] of this.keys)
      if (!k.busy && k.jobs.length === 0 && !k.timer && (!k.window || k.window.count(now) === 0)) this.keys.delete(key);
  }

  private pruneIds(): void {
    if (this.byId.size < 1_000) return;
    const now = this.timers.now();
    for (const [id, v] of this.byId) if (v.expiresAt !== undefined && v.expiresAt <= now) this.byId.delete(id);
  }
}
