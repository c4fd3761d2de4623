import type { EventPayload, ServerToClientEvents } from '../protocol/index.js';
import type { LiveConnection } from './token-registry.js';

/** What the session logic needs from one client connection; the server wraps a socket in it. */
export interface ClientConnection extends LiveConnection {
  emit<E extends keyof ServerToClientEvents>(event: E, payload: EventPayload<ServerToClientEvents, E>): void;
}
