import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import type { SessionId } from '../protocol/index.js';
import type { Connector } from './connector/index.js';
import type { Outbox } from './outbox.js';
import type { PendingRequests } from './pending.js';
import type { SessionStore } from './store.js';
import type { SummaryBuilder } from './summary.js';

/** What the parts of a `Session` (handshake, resume, shutdown) share; live values are getters. */
export interface SessionContext {
  readonly connector: Connector;
  readonly store: SessionStore;
  readonly summary: SummaryBuilder;
  readonly pending: PendingRequests;
  readonly clock: Clock;
  /** Gains the session id once it is known. */
  readonly logger: Logger;
  readonly sessionId: SessionId | undefined;
  /** Exists once the session id is known. */
  readonly outbox: Outbox | undefined;
  /** Whether the session is ending (nothing new is taken up then). */
  readonly ending: boolean;
  /** Real milliseconds a file has, from receipt to deadline. */
  fileTimeMs(): number;
}

/** The parts of a context that change as the session goes. */
export interface LiveParts {
  logger: () => Logger;
  sessionId: () => SessionId | undefined;
  outbox: () => Outbox | undefined;
  ending: () => boolean;
}

/** A context whose live values are read at each use. */
export function liveContext(fixed: Omit<SessionContext, keyof LiveParts>, live: LiveParts): SessionContext {
  return {
    ...fixed,
    get logger() {
      return live.logger();
    },
    get sessionId() {
      return live.sessionId();
    },
    get outbox() {
      return live.outbox();
    },
    get ending() {
      return live.ending();
    },
  };
}
