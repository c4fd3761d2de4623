/** Bounds how many markups run at once; waiters are served in arrival order. */
export class Limiter {
  #active = 0;
  readonly #queue: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`\`concurrency\` must be an integer >= 1 (got ${limit})`);
  }

  get active(): number {
    return this.#active;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.#active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#active -= 1;
          this.#queue.shift()?.();
        });
      };
      if (this.#active < this.limit) grant();
      else this.#queue.push(grant);
    });
  }
}
