import { ServerEvent, isFileId, isRecord } from '../protocol/index.js';
import type { FileAvailablePayload, SessionId } from '../protocol/index.js';
import type { SessionContext } from './context.js';

/** A push taken as this session's file; `sessionId` is filled in. */
export type AcceptedPush = FileAvailablePayload & { sessionId: SessionId };

/** A push the client could not take as a file of its session: saved raw, counted, never answered. */
export interface RefusedPush {
  /** The event that carried it. */
  event: string;
  /** Why, precisely: the validator's message, or the session mismatch. */
  reason: string;
  /** The pushed file id when it was a valid one. */
  fileId?: string;
  /** Where the payload was saved, as received; absent when it could not be written. */
  path?: string;
  at: string;
}

export interface IntakeOptions {
  context: SessionContext;
  /** A push for this session, with the time it arrived (its deadline runs from then). */
  accept: (push: AcceptedPush, receivedAt: number) => void;
  /** A push was refused; it is saved already (or could not be). */
  refused: (push: RefusedPush) => void;
}

/** The events that carry a pushed file. */
const FILE_EVENTS: ReadonlySet<string> = new Set([ServerEvent.fileAvailable, ServerEvent.fileRepeatSuccess]);

/**
Where every pushed file goes before the pipeline (docs: src/session/README.md, "Pushes the client
refuses"):
- no session id known yet (a push before the answer to `session-start`): held, in arrival order,
  and taken as soon as the id is known; if the session ends without one, saved as refused;
- a push naming another session than the client's: refused (the client state stays with its own
  session, as `current.json` says);
- a push that fails validation (a fractional file id, no content, not an object): refused.
A refused push is saved as received under `{session}/refused/` (or `files/sessions/_unattached/refused/`
without a session), counted in the summary with its reason, and makes the exit code non-zero.
*/
export class Intake {
  readonly #o: IntakeOptions;
  readonly #c: SessionContext;
  #held: Array<{ push: FileAvailablePayload; receivedAt: number }> = [];
  readonly #writes = new Set<Promise<void>>();

  constructor(options: IntakeOptions) {
    this.#o = options;
    this.#c = options.context;
    this.#c.connector.on('protocol-error', ({ event, error, payload }) => {
      if (!FILE_EVENTS.has(event)) return;
      // A valid file id (the content was what failed) names the file in the summary and the file name.
      const fileId = isRecord(payload) && isFileId(payload.fileId) ? payload.fileId : undefined;
      this.refuse(event, error, payload, fileId);
    });
  }

  /** How many pushes wait for the session id. */
  get held(): number {
    return this.#held.length;
  }

  push(push: FileAvailablePayload): void {
    const receivedAt = this.#c.clock.now();
    if (this.#c.sessionId === undefined) {
      this.#held.push({ push, receivedAt });
      this.#c.logger.info(
        { fileId: push.fileId },
        `file ${push.fileId} arrived before the session id was known: held until it is`,
      );
      return;
    }
    this.#route(push, receivedAt, this.#c.sessionId);
  }

  /** The session id is known now: the held pushes go on, in arrival order. */
  attached(): void {
    const sessionId = this.#c.sessionId;
    if (sessionId === undefined) return;
    for (const { push, receivedAt } of this.#held.splice(0)) this.#route(push, receivedAt, sessionId);
  }

  /** The session is ending: held pushes are saved as refused; resolves once every refusal is written. */
  async release(): Promise<void> {
    for (const { push } of this.#held.splice(0))
      this.refuse(
        ServerEvent.fileAvailable,
        'pushed before the session id was known, and the session ended without one: saved, not answered',
        push,
        push.fileId,
      );
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  /** Saves `payload` as received and counts it as refused with `reason`. */
  refuse(event: string, reason: string, payload: unknown, fileId?: string): void {
    const at = new Date(this.#c.clock.now()).toISOString();
    const push: RefusedPush = { event, reason, at, ...(fileId !== undefined ? { fileId } : {}) };
    // Counted at once, in arrival order; `path` is filled in once the payload is on disk.
    this.#o.refused(push);
    const write = this.#c.store
      .saveRefused(
        this.#c.sessionId,
        { event, reason, at, ...(fileId !== undefined ? { fileId } : {}) },
        payload,
      )
      .then(
        (path) => {
          push.path = path;
          this.#c.logger.warn(
            { event, ...(fileId !== undefined ? { fileId } : {}) },
            `refused a ${event}${fileId !== undefined ? ` (file ${fileId})` : ''}: ${reason}; saved as ${path}`,
          );
        },
        (error: unknown) =>
          this.#c.logger.error(
            { err: error, event },
            `refused a ${event}${fileId !== undefined ? ` (file ${fileId})` : ''}: ${reason}; and could not save it`,
          ),
      );
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }

  #route(push: FileAvailablePayload, receivedAt: number, sessionId: SessionId): void {
    if (push.sessionId !== undefined && String(push.sessionId) !== String(sessionId)) {
      this.refuse(
        ServerEvent.fileAvailable,
        `pushed for session ${String(push.sessionId)}, but this client is in session ${String(sessionId)}: saved, not answered`,
        push,
        push.fileId,
      );
      return;
    }
    // Echo the id as the platform sent it (a number stays a number), else the one we hold.
    this.#o.accept({ ...push, sessionId: push.sessionId ?? sessionId }, receivedAt);
  }
}
