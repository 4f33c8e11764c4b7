import type { TimerHandle, Timers } from './timers.ts';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** Let every promise chain that is ready run before simulated time moves on. */
const settle = () => new Promise<void>((r) => setImmediate(r));

/**
 * Simulated time for tests and benchmarks: timers fire only when `advance`/`runUntilIdle` moves
 * the clock, in due order, with pending promise chains settled between firings.
 */
export class VirtualTimers implements Timers {
  private t: number;
  private seq = 0;
  private pending = new Set<Pending>();

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const p: Pending = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.add(p);
    return p;
  }

  clearTimeout(h: TimerHandle): void {
    this.pending.delete(h as Pending);
  }

  get timersPending(): number {
    return this.pending.size;
  }

  private next(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    return best;
  }

  /** Move time forward by `ms`, firing every timer that falls due. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (let p = this.next(); p && p.at <= end; p = this.next()) {
      this.pending.delete(p);
      this.t = p.at;
      p.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }

  /** Fire timers until none are left (or `maxMs` of simulated time has passed). */
  async runUntilIdle(maxMs = 24 * 3600_000): Promise<void> {
    const end = this.t + maxMs;
    await settle();
    for (let p = this.next(); p && p.at <= end; p = this.next()) {
      this.pending.delete(p);
      this.t = Math.max(this.t, p.at);
      p.fn();
      await settle();
    }
  }
}
