export interface RateLimit {
  /** At most this many sends … */
  max: number;
  /** … in any window of this length. */
  windowMs: number;
}

interface Stamp {
  t: number;
  inFlight: boolean;
}

/**
 * Sends in the last `windowMs`. A send is stamped when it starts and re-stamped when it ends:
 * the platform counts it at some moment in between, so counting from the later stamp can never
 * let a 21st message land inside the platform's window.
 */
export class RollingWindow {
  private stamps: Stamp[] = [];

  constructor(readonly limit: RateLimit) {}

  private prune(now: number) {
    const edge = now - this.limit.windowMs;
    this.stamps = this.stamps.filter((s) => s.inFlight || s.t > edge);
  }

  /** When the next send may start: `now`, a later time, or Infinity (wait for an in-flight send to end). */
  nextFree(now: number): number {
    this.prune(now);
    if (this.stamps.length < this.limit.max) return now;
    let earliest = Infinity;
    for (const s of this.stamps) if (!s.inFlight && s.t < earliest) earliest = s.t;
    return earliest === Infinity ? Infinity : earliest + this.limit.windowMs;
  }

  /** Reserve a slot now; call the returned function when the send has ended. */
  take(now: number): (endedAt: number) => void {
    const s: Stamp = { t: now, inFlight: true };
    this.stamps.push(s);
    return (endedAt) => {
      s.t = Math.max(s.t, endedAt);
      s.inFlight = false;
    };
  }

  /** Sends counted right now (for stats and tests). */
  count(now: number): number {
    this.prune(now);
    return this.stamps.length;
  }

  get empty(): boolean {
    return this.stamps.length === 0;
  }
}
