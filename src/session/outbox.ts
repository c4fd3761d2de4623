import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import type { SessionId } from '../protocol/index.js';
import type { Connector } from './connector/index.js';
import { journalIn } from './journal-outgoing-store.js';
import type { OutgoingEntry, OutgoingStore } from './outgoing-store.js';
import type { SessionStore } from './store.js';

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
Answers go through here: put (held in memory at once, written to the outgoing store beside the
send), sent, forgotten when the platform answers. After a reconnect `drain` resends what is left
(in the store or still only in memory) one at a time, each waiting for its answer, and new
answers wait until the drain is over (so they cannot overtake older ones). See
src/session/README.md for what each durability level writes before a send.
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
  /** Put by this process and not answered yet, with the write of each to the store. */
  readonly #mine = new Map<string, { entry: OutgoingEntry; written: Promise<void> }>();
  /** Refused by `send` because a drain was running: sent when it is over unless it took them. */
  readonly #held = new Set<string>();
  #draining: Promise<void> | undefined;

  constructor(options: OutboxOptions) {
    this.#o = { ackTimeoutMs: 10_000, ...options };
  }

  get store(): OutgoingStore {
    return this.#o.store;
  }

  /**
  Holds the entry (a drain resends it from memory even before it is written) and writes it to the
  store; the promise settles with that write, and a failed write leaves the entry held in memory.
  */
  put(entry: OutgoingEntry): Promise<void> {
    const write = this.#o.store.put(entry);
    const written = write.catch(() => undefined);
    this.#mine.set(entry.fileId, { entry, written });
    return write;
  }

  /** Sends a held entry now, unless a drain is running (sent after it) or the connection is down (resent by the next drain). */
  send(entry: OutgoingEntry): boolean {
    if (this.#draining) {
      this.#held.add(entry.fileId);
      return false;
    }
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

  /** Resolves once the store writes of every put and every answer so far are done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#settling, ...[...this.#mine.values()].map((m) => m.written)]);
  }

  /** The platform answered: forget the entry (after its own write, so the removal follows it) and wake whoever waits for it. */
  async settle(result: AckResult): Promise<OutgoingEntry | undefined> {
    const mine = this.#mine.get(result.fileId);
    this.#mine.delete(result.fileId);
    this.#held.delete(result.fileId);
    await mine?.written;
    const entry = (await this.#o.store.get(result.fileId)) ?? mine?.entry;
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

  /** Resends every stored or held entry, oldest first, one at a time. Safe to call repeatedly. */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
      this.#sendHeld();
    });
    return this.#draining;
  }

  /** Entries in the store and those held in memory (put, maybe not written yet), oldest first. */
  async #pending(): Promise<OutgoingEntry[]> {
    const stored = await this.#o.store.list();
    const ids = new Set(stored.map((e) => e.fileId));
    const extra = [...this.#mine.values()].map((m) => m.entry).filter((e) => !ids.has(e.fileId));
    if (extra.length === 0) return stored;
    return [...stored, ...extra].sort((a, b) => a.putAt - b.putAt || a.fileId.localeCompare(b.fileId));
  }

  /** After a drain: what `send` refused while it ran and it did not take goes out now. */
  #sendHeld(): void {
    const held = [...this.#held];
    this.#held.clear();
    for (const fileId of held) {
      const mine = this.#mine.get(fileId);
      if (mine === undefined || this.#onWire.has(fileId) || this.#answered.has(fileId)) continue;
      if (!this.#emit(mine.entry, false)) return;
    }
  }

  async #drainOnce(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (!this.#o.connector.connected) return;
      const next = (await this.#pending()).find((e) => !tried.has(e.fileId) && !this.#answered.has(e.fileId));
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

export interface SessionOutboxParts {
  store: SessionStore;
  connector: Connector;
  clock: Clock;
  logger: Logger;
  /** The session's own outgoing store; by default its journal (flushed with `fsync-all`). */
  outgoingStore?: (sessionDir: string) => OutgoingStore;
  ackTimeoutMs?: number;
  onSent(entry: OutgoingEntry, resend: boolean): void;
}

/** The outbox of one session: refusals kept in its `rejections.jsonl`, store failures logged. */
export function sessionOutbox(sessionId: SessionId, parts: SessionOutboxParts): Outbox {
  const { store, logger } = parts;
  const dir = store.sessionDir(sessionId);
  return new Outbox({
    store: parts.outgoingStore?.(dir) ?? journalIn(dir, store.durability === 'fsync-all', logger),
    connector: parts.connector,
    clock: parts.clock,
    ...(parts.ackTimeoutMs !== undefined ? { ackTimeoutMs: parts.ackTimeoutMs } : {}),
    onSent: parts.onSent,
    onRejected: (r) => store.recordRejection(sessionId, r.fileId, r.message ?? ''),
    onError: (err, fileId) => logger.error({ err, fileId }, 'could not update the outgoing store'),
  });
}
