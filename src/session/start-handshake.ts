import { ServerEvent } from '../protocol/index.js';
import type { SessionId, StartRequest } from '../protocol/index.js';
import type { SessionContext } from './context.js';
import { SessionError } from './errors.js';

export interface StartHandshakeOptions {
  context: SessionContext;
  /** The session id is known; `fresh`: a session this process started (no earlier records). */
  attach: (sessionId: SessionId, fresh: boolean) => void;
  /** The start was answered only through a `session-reconnect`: the first pushes may be lost. */
  resume: () => void;
}

/**
`session-start` and `session-reconnect` and their answers, including a drop of the line before
the start was answered: then the client asks `session-reconnect`, takes the session if the
platform has one (the start went through, only its answer was lost), else sends the start again.
*/
export class StartHandshake {
  readonly #o: StartHandshakeOptions;
  /** Kept until answered: a drop can lose the request or its answer, and then it is asked again. */
  #request: StartRequest | undefined;

  constructor(options: StartHandshakeOptions) {
    this.#o = options;
    const { connector: c, pending } = options.context;
    c.on(ServerEvent.startSuccess, (p) => {
      // Attach at once: the first file may arrive in the same breath as the start answer.
      if (pending.has('start')) options.attach(p.sessionId, true);
      pending.settle('start', p.sessionId);
    });
    c.on(ServerEvent.startError, (p) => {
      const error = new SessionError(`the platform refused to start the session: ${p.message}`, 'start');
      if (!pending.reject('start', error)) options.context.logger.warn(error.message);
    });
    // An answer whose session id is not an id (`{}`, `null`) cannot start anything: refuse it at
    // once, with the validator's message, rather than wait for an answer that will not come.
    c.on('protocol-error', ({ event, error }) => {
      const op =
        event === ServerEvent.startSuccess
          ? 'start'
          : event === ServerEvent.reconnectSuccess
            ? 'reconnect'
            : undefined;
      if (op === undefined) return;
      const waiting = op === 'reconnect' && !pending.has('reconnect') && pending.has('start') ? 'start' : op;
      pending.reject(waiting, new SessionError(`the platform's answer is invalid: ${error}`, waiting));
    });
    c.on(ServerEvent.reconnectSuccess, (p) => {
      const held = options.context.sessionId;
      if (held !== undefined && String(held) !== String(p.sessionId)) {
        // The platform's active session is not the one this client holds (current.json): taking
        // it up would file its answers under the wrong session.
        const error = new SessionError(
          `the platform resumed session ${String(p.sessionId)}, but this client holds session ${String(held)}: not taking it up`,
          'reconnect',
          { sessionId: held },
        );
        if (!pending.reject('reconnect', error)) options.context.logger.warn(error.message);
        return;
      }
      if (pending.has('start')) {
        // The session started; only its answer was lost on the way, and maybe the first push too.
        options.attach(p.sessionId, true);
        pending.settle('start', p.sessionId);
        options.resume();
        return;
      }
      options.attach(p.sessionId, false);
      pending.settle('reconnect', p.sessionId);
    });
    c.on(ServerEvent.reconnectError, (p) => {
      if (pending.has('start') && !pending.has('reconnect') && this.#request) {
        c.start(this.#request);
        return;
      }
      pending.reject(
        'reconnect',
        new SessionError(`the platform could not resume the session: ${p.message}`, 'reconnect'),
      );
    });
  }

  /** Sends `session-start`; resolves with the session id. */
  start(request: StartRequest): Promise<SessionId> {
    const answer = this.#o.context.pending.expect<SessionId>('start');
    this.#request = request;
    this.#o.context.connector.start(request);
    return answer;
  }

  /** Sends `session-reconnect`; resolves with the session id of the token's active session. */
  reconnect(): Promise<SessionId> {
    const answer = this.#o.context.pending.expect<SessionId>('reconnect');
    this.#o.context.connector.reconnect();
    return answer;
  }

  /** The line came back; returns whether an unanswered start is being sorted out. */
  lineBack(): boolean {
    if (!this.#o.context.pending.has('start')) return false;
    // Ask whether the platform has our session; if it has none, the start request is sent again.
    this.#o.context.connector.reconnect();
    return true;
  }
}
