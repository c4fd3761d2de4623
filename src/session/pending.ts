import { SessionError } from './errors.js';

/** Requests that wait for the platform's answer; one of each kind at a time. */
export type PendingOp = 'start' | 'reconnect' | 'repeat' | 'abort';

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Matches the platform's answers to the requests that wait for them. */
export class PendingRequests {
  readonly #waiting = new Map<PendingOp, Waiter>();

  /** Waits for the answer to `op`; an earlier request of the same kind is superseded. */
  expect<T>(op: PendingOp): Promise<T> {
    this.#waiting.get(op)?.reject(new SessionError(`superseded by a new ${op} request`, 'closed'));
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(op, { resolve: resolve as (value: unknown) => void, reject });
    });
  }

  has(op: PendingOp): boolean {
    return this.#waiting.has(op);
  }

  /** Resolves the request waiting for `op`; returns whether there was one. */
  settle(op: PendingOp, value: unknown): boolean {
    const waiter = this.#waiting.get(op);
    this.#waiting.delete(op);
    waiter?.resolve(value);
    return waiter !== undefined;
  }

  /** Rejects the request waiting for `op`; returns whether there was one. */
  reject(op: PendingOp, error: Error): boolean {
    const waiter = this.#waiting.get(op);
    this.#waiting.delete(op);
    waiter?.reject(error);
    return waiter !== undefined;
  }

  /** The session ended: nothing more will be answered. */
  rejectAll(error: Error): void {
    for (const op of [...this.#waiting.keys()]) this.reject(op, error);
  }
}
