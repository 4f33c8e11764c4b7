/**
 * Calls made in the same turn of the event loop become one call with all their arguments. Under group
 * commit every message of a batch reaches the same step together (they all wait on the same
 * statements), so one statement can serve all of them.
 */
type Waiting<A, R> = Array<{ arg: A; resolve(r: R): void; reject(e: unknown): void }>;

export function coalesce<A, R>(flush: (args: A[]) => Promise<R[]>): (arg: A) => Promise<R> {
  let pending: Waiting<A, R> | undefined;
  return (arg) =>
    new Promise<R>((resolve, reject) => {
      if (!pending) {
        const mine: Waiting<A, R> = [];
        pending = mine;
        // setImmediate, not a microtask: continuations of one socket read all run before it.
        setImmediate(() => {
          pending = undefined;
          flush(mine.map((p) => p.arg)).then(
            (rs) => mine.forEach((p, i) => p.resolve(rs[i]!)),
            (err) => mine.forEach((p) => p.reject(err)),
          );
        });
      }
      pending.push({ arg, resolve, reject });
    });
}

/** The first index of each key: later duplicates in a batch see the first one's effect. */
export function firstOf<A>(args: A[], key: (a: A) => string): Map<string, number> {
  const first = new Map<string, number>();
  args.forEach((a, i) => {
    const k = key(a);
    if (!first.has(k)) first.set(k, i);
  });
  return first;
}

/**
 * A map's values in key order. Rows are written in this order so that concurrent batches take row
 * locks in the same order and cannot deadlock on each other.
 */
export function inKeyOrder<V>(m: Map<string, V>): V[] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Run `one` once per distinct key and give each caller its key's result. */
export function sameCallsOnce<A, R>(key: (a: A) => string, one: (a: A) => Promise<R>): (args: A[]) => Promise<R[]> {
  return async (args) => {
    const first = firstOf(args, key);
    const results = new Map<string, R>();
    await Promise.all([...first].map(async ([k, i]) => results.set(k, await one(args[i]!))));
    return args.map((a) => results.get(key(a))!);
  };
}
