/**
 * The time source the outbound queue and reconnect loops run on. Injected so tests and
 * benchmarks can run minutes of rate-limited traffic in simulated time.
 */
export interface Timers {
  /** Milliseconds, monotonic enough for rate windows (Date.now for the real one). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(h: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | object;

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimeout: (h) => clearTimeout(h as unknown as NodeJS.Timeout),
};

/** Resolves after `ms` on the given timers; rejects nothing, resolves early when `signal` aborts. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const h = timers.setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      timers.clearTimeout(h);
      done();
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
