/** A file whose pipeline is running, and how to abort it. */
export interface InFlight {
  controller: AbortController;
  done: Promise<void>;
}

/**
The files a session took and has not brought to an end state yet (answered, kept or failed),
with the pipelines still running for them; `idle` resolves when none is open.
*/
export class OpenFiles {
  readonly inFlight = new Map<string, InFlight>();
  readonly #open = new Set<string>();
  readonly #idleWaiters: Array<() => void> = [];

  get size(): number {
    return this.#open.size;
  }

  /** Opens `fileId` and tracks its pipeline until `done` settles. */
  track(fileId: string, run: (controller: AbortController) => Promise<void>): void {
    this.#open.add(fileId);
    const controller = new AbortController();
    const done = run(controller).finally(() => this.inFlight.delete(fileId));
    this.inFlight.set(fileId, { controller, done });
  }

  /** `fileId` reached an end state. */
  close(fileId: string): void {
    if (!this.#open.delete(fileId) || this.#open.size > 0) return;
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  idle(): Promise<void> {
    if (this.#open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
