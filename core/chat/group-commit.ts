/**
 * Group commit: items that arrive while earlier work is still in flight are handed over together, so
 * a burst (a whole class typing 签到 at the start of a session) costs one transaction per batch rather
 * than one per message. A lone item starts at once, so a quiet group sees no extra delay.
 */
export interface GroupCommitOptions<I, O> {
  /** At most this many items per batch. */
  maxBatch: number;
  /** At most this many batches at a time (each holds one database connection). */
  maxInFlight: number;
  /** One output per input, in order. A rejection rejects every item of the batch. */
  run(batch: I[]): Promise<O[]>;
}

interface Waiting<I, O> {
  item: I;
  resolve(o: O): void;
  reject(err: unknown): void;
}

export function groupCommit<I, O>(o: GroupCommitOptions<I, O>): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  function pump() {
    while (inFlight < o.maxInFlight && queue.length) {
      // Spread what is waiting over the free slots: batches then overlap (one computes while another
      // waits on the database) instead of taking turns.
      const size = Math.min(o.maxBatch, Math.ceil(queue.length / (o.maxInFlight - inFlight)));
      const batch = queue.splice(0, size);
      inFlight++;
      o.run(batch.map((w) => w.item))
        .then(
          (outs) => batch.forEach((w, i) => w.resolve(outs[i]!)),
          (err) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Items delivered in the same turn of the event loop (one socket read) go in one batch.
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          pump();
        });
      }
    });
}
