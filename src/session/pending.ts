import { systemClock } from '../clock/index.js';
import type { Clock, TimerHandle } from '../clock/index.js';
import { SessionError } from './errors.js';
import type { SessionFailure } from './errors.js';

/** Requests that wait for the platform's answer; one of each kind at a time. */
export type PendingOp = 'start' | 'reconnect' | 'repeat' | 'abort';

/** The request each kind sends, for messages. */
export const PENDING_EVENT: Readonly<Record<PendingOp, string>> = {
  start: 'session-start',
  reconnect: 'session-reconnect',
  repeat: 'session-file-repeat',
  abort: 'session-client-abort',
};

/**
How long each request waits for its answer, in real milliseconds (never scaled: these are round
trips, not contest time). Generous: a platform answers in well under a second, but one that never
answers must not hang the client forever.
*/
export const DEFAULT_ANSWER_TIMEOUT_MS: Readonly<Record<PendingOp, number>> = {
  start: 30_000,
  reconnect: 30_000,
  repeat: 30_000,
  abort: 30_000,
};

/** A number for every request, or some requests' own. */
export type AnswerTimeouts = number | Partial<Record<PendingOp, number>>;

/** Every request's timeout from the option; each must be a positive finite number. */
export function answerTimeouts(option: AnswerTimeouts | undefined): Record<PendingOp, number> {
  const out = { ...DEFAULT_ANSWER_TIMEOUT_MS };
  for (const op of Object.keys(out) as PendingOp[]) {
    const value = typeof option === 'number' ? option : option?.[op];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`answerTimeoutMs.${op} must be a positive number of ms (got ${String(value)})`);
    out[op] = value;
  }
  return out;
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: TimerHandle;
}

const KIND: Readonly<Record<PendingOp, SessionFailure>> = {
  start: 'start',
  reconnect: 'reconnect',
  repeat: 'repeat',
  abort: 'abort',
};

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export interface PendingOptions {
  /** @default systemClock */
  clock?: Clock;
  /** @default DEFAULT_ANSWER_TIMEOUT_MS */
  timeoutMs?: AnswerTimeouts | undefined;
}

/** Matches the platform's answers to the requests that wait for them; none waits forever. */
export class PendingRequests {
  readonly #waiting = new Map<PendingOp, Waiter>();
  readonly #clock: Clock;
  readonly #timeoutMs: Record<PendingOp, number>;

  constructor(options: PendingOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = answerTimeouts(options.timeoutMs);
  }

  /**
  Waits for the answer to `op`; an earlier request of the same kind is superseded. With no answer
  within its timeout the promise rejects with a `SessionError` of the request's kind.
  */
  expect<T>(op: PendingOp): Promise<T> {
    this.reject(op, new SessionError(`superseded by a new ${op} request`, 'closed'));
    return new Promise<T>((resolve, reject) => {
      const ms = this.#timeoutMs[op];
      const timer = this.#clock.setTimeout(() => {
        this.reject(
          op,
          new SessionError(
            `the platform did not answer ${PENDING_EVENT[op]} within ${seconds(ms)}`,
            KIND[op],
          ),
        );
      }, ms);
      this.#waiting.set(op, { resolve: resolve as (value: unknown) => void, reject, timer });
    });
  }

  has(op: PendingOp): boolean {
    return this.#waiting.has(op);
  }

  /** Resolves the request waiting for `op`; returns whether there was one. */
  settle(op: PendingOp, value: unknown): boolean {
    const waiter = this.#take(op);
    waiter?.resolve(value);
    return waiter !== undefined;
  }

  /** Rejects the request waiting for `op`; returns whether there was one. */
  reject(op: PendingOp, error: Error): boolean {
    const waiter = this.#take(op);
    waiter?.reject(error);
    return waiter !== undefined;
  }

  /** The session ended: nothing more will be answered. */
  rejectAll(error: Error): void {
    for (const op of [...this.#waiting.keys()]) this.reject(op, error);
  }

  #take(op: PendingOp): Waiter | undefined {
    const waiter = this.#waiting.get(op);
    this.#waiting.delete(op);
    waiter?.timer.cancel();
    return waiter;
  }
}
