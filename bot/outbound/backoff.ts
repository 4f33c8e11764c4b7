export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  capMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so many
 * clients that failed together do not retry together, yet none retries immediately.
 * `attempt` counts from 1 (the delay before the 2nd try).
 */
export function backoffDelay(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(p.capMs, p.baseMs * p.factor ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
