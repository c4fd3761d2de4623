import type { Clock } from '../clock/index.js';
import type { Connector } from './connector/index.js';
import type { OutgoingEntry, OutgoingStore } from './outgoing-store.js';

export interface AckResult {
  fileId: string;
  accepted: boolean;
  message?: string;
}

export interface OutboxOptions {
  store: OutgoingStore;
  connector: Connector;
  clock: Clock;
  /** How long a resend waits for its answer before the next one goes. @default 10000 */
  ackTimeoutMs?: number;
  /** Called each time an answer actually went on the wire. */
  onSent(entry: OutgoingEntry, resend: boolean): void;
  /** Keeps the platform's reason for a refused answer (the store forgets the entry). */
  onRejected?(result: AckResult): Promise<void>;
  /** Told when the stores could not be updated after an answer. */
  onError?(error: unknown, fileId: string): void;
}

/**
Answers go through here: stored before they are sent, forgotten when the platform answers.
After a reconnect `drain` resends what is left one at a time, each waiting for its answer, and
new answers wait in the store until the drain is over (so they cannot overtake older ones).
*/
export class Outbox {
  readonly #o: OutboxOptions & { ackTimeoutMs: number };
  /** Store updates still running after answers. */
  readonly #settling = new Set<Promise<void>>();
  /** Sent on the current connection and not answered yet: a drain waits for these, never resends them. */
  readonly #onWire = new Set<string>();
  /** Answered, the store not updated yet: a drain must not take them for unanswered. */
  readonly #answered = new Set<string>();
  readonly #waiters = new Map<string, Array<(result: AckResult | undefined) => void>>();
  #draining: Promise<void> | undefined;

  constructor(options: OutboxOptions) {
    this.#o = { ackTimeoutMs: 10_000, ...options };
  }

  get store(): OutgoingStore {
    return this.#o.store;
  }

  /** Stores the entry. Separate from `send` so the caller can store and save the output file at once. */
  put(entry: OutgoingEntry): Promise<void> {
    return this.#o.store.put(entry);
  }

  /** Sends a stored entry now, unless a drain is running or the connection is down (it will be resent). */
  send(entry: OutgoingEntry): boolean {
    if (this.#draining) return false;
    return this.#emit(entry, false);
  }

  /** The platform answered: the store is updated in the background (`settled` waits for it). */
  acknowledge(result: AckResult): void {
    this.#onWire.delete(result.fileId);
    this.#answered.add(result.fileId);
    const work = (async () => {
      await this.settle(result);
      if (!result.accepted) await this.#o.onRejected?.(result);
    })()
      .catch((error: unknown) => this.#o.onError?.(error, result.fileId))
      .finally(() => {
        this.#answered.delete(result.fileId);
        this.#settling.delete(work);
      });
    this.#settling.add(work);
  }

  /** Resolves once the store updates of every answer so far are done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#settling]);
  }

  /** The platform answered: forget the entry and wake whoever waits for it. */
  async settle(result: AckResult): Promise<OutgoingEntry | undefined> {
    const entry = await this.#o.store.get(result.fileId);
    await this.#o.store.del(result.fileId);
    const waiters = this.#waiters.get(result.fileId) ?? [];
    this.#waiters.delete(result.fileId);
    for (const wake of waiters) wake(result);
    return entry;
  }

  /** Resolves with the answer, or `undefined` after `timeoutMs` or an `interrupt`. */
  waitFor(fileId: string, timeoutMs = this.#o.ackTimeoutMs): Promise<AckResult | undefined> {
    return new Promise((resolve) => {
      const timer = this.#o.clock.setTimeout(() => done(undefined), timeoutMs);
      const done = (result: AckResult | undefined) => {
        timer.cancel();
        const list = this.#waiters.get(fileId);
        if (list) {
          const i = list.indexOf(done);
          if (i >= 0) list.splice(i, 1);
          if (list.length === 0) this.#waiters.delete(fileId);
        }
        resolve(result);
      };
      const list = this.#waiters.get(fileId) ?? [];
      list.push(done);
      this.#waiters.set(fileId, list);
    });
  }

  /** The connection dropped: nobody should keep waiting for answers to the old connection. */
  interrupt(): void {
    // Answers to what went out on the old connection will never come: a drain resends it.
    this.#onWire.clear();
    for (const [, list] of [...this.#waiters]) for (const wake of [...list]) wake(undefined);
  }

  /** Resends every stored entry, oldest first, one at a time. Safe to call repeatedly. */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainOnce(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (!this.#o.connector.connected) return;
      const next = (await this.#o.store.list()).find(
        (e) => !tried.has(e.fileId) && !this.#answered.has(e.fileId),
      );
      if (!next) return;
      tried.add(next.fileId);
      // Already on this connection (sent just before the drain began): wait for its answer, in
      // order, instead of putting it on the wire a second time.
      if (this.#onWire.has(next.fileId)) {
        await this.waitFor(next.fileId);
        continue;
      }
      // Wait only for what was sent: a waiter for an unsent entry would hold its timer open. No
      // answer can slip in between, since none is handled before the next await.
      if (!this.#emit(next, true)) return;
      await this.waitFor(next.fileId);
    }
  }

  #emit(entry: OutgoingEntry, resend: boolean): boolean {
    const sent = this.#o.connector.sendFile({
      sessionId: entry.sessionId,
      fileId: entry.fileId,
      content: entry.content,
    });
    if (sent) {
      this.#onWire.add(entry.fileId);
      this.#o.onSent(entry, resend);
    }
    return sent;
  }
}
