// Waiting on events instead of on time: a test records what an emitter emits from the start and
// waits for the n-th occurrence, so an event that came before the wait began is never missed.

/** Everything recorded so far, and a way to wait for more. */
export interface Recorder<T> {
  /** Give this to the emitter: `session.on('file-accepted', log.add)`. */
  readonly add: (item: T) => void;
  readonly seen: readonly T[];
  /**
  Resolves with the first `n` items once `n` have been recorded. Rejects, naming `what` and what was
  seen, if `unless` settles first (pass the session's `done` so a session that ended early fails the
  test at once instead of at the runner's timeout).
  */
  count(n: number, unless?: Promise<unknown>): Promise<T[]>;
}

export function recorder<T>(what = 'events'): Recorder<T> {
  const seen: T[] = [];
  const waiters = new Set<() => void>();
  const add = (item: T) => {
    seen.push(item);
    for (const check of [...waiters]) check();
  };
  const count = (n: number, unless?: Promise<unknown>) =>
    new Promise<T[]>((resolve, reject) => {
      const check = () => {
        if (seen.length < n) return;
        waiters.delete(check);
        resolve(seen.slice(0, n));
      };
      waiters.add(check);
      check();
      const early = () => {
        if (!waiters.has(check)) return;
        waiters.delete(check);
        reject(new Error(`ended before ${n} ${what}; seen ${seen.length}: ${JSON.stringify(seen)}`));
      };
      unless?.then(early, early);
    });
  return { add, seen, count };
}
