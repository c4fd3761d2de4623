import type { Logger } from '../log/index.js';
import { ClientEvent, ServerEvent } from '../protocol/index.js';
import type { ClientEventName } from '../protocol/index.js';
import type { ClientConnection } from './connection.js';
import type { IoNamespace, IoSocket } from './io-types.js';
import type { PlatformEmitter } from './platform-events.js';
import { PlatformEvent } from './platform-events.js';
import type { SessionManager } from './session-manager.js';
import type { TokenRegistry } from './token-registry.js';

const KNOWN_EVENTS = new Set<string>(Object.values(ClientEvent));

function wrap(socket: IoSocket): ClientConnection {
  return {
    id: socket.id,
    emit: (event, payload) => {
      socket.emit(event, payload);
    },
    kick: (message) => {
      socket.emit(ServerEvent.connectionAuthError, { message });
      socket.disconnect();
    },
  };
}

type Handler = (token: string, conn: ClientConnection, payload: unknown) => void | Promise<void>;

/**
Serves the `/pku` namespace: authenticates each connection by its `token` query parameter,
hands it to the session manager, and routes the client events. A handler that throws is logged
and the connection goes on: nothing a client sends may bring the platform down.
*/
export function serveNamespace(
  namespace: IoNamespace,
  deps: {
    registry: TokenRegistry<ClientConnection>;
    manager: SessionManager;
    events: PlatformEmitter;
    log: Logger;
  },
): void {
  const { registry, manager, events, log } = deps;
  const handlers: Record<ClientEventName, Handler> = {
    [ClientEvent.start]: (t, c, p) => manager.start(t, c, p),
    [ClientEvent.fileSend]: (t, c, p) => manager.fileSend(t, c, p),
    [ClientEvent.fileRepeat]: (t, c, p) => manager.fileRepeat(t, c, p),
    [ClientEvent.reconnect]: (t, c) => manager.reconnect(t, c),
    [ClientEvent.clientAbort]: (t, c, p) => manager.clientAbort(t, c, p),
    [ClientEvent.clientAbortMisspelled]: (t, c, p) => manager.clientAbort(t, c, p),
    [ClientEvent.logsSend]: (t, c, p) => manager.logsSend(t, c, p),
  };

  namespace.on('connection', (socket) => {
    const token = socket.handshake.query.token;
    if (!registry.accepts(token)) {
      const reason =
        typeof token === 'string' && token !== ''
          ? 'token not accepted by this platform'
          : 'token missing: connect with ?token=<TOKEN>';
      log.warn(
        `connection refused: ${reason}${typeof token === 'string' && token !== '' ? ` (${registry.hash(token)})` : ''}`,
      );
      socket.emit(ServerEvent.connectionAuthError, { message: reason });
      socket.disconnect();
      events.emit(PlatformEvent.connectionRefused, { reason });
      return;
    }
    const conn = wrap(socket);
    const hash = registry.hash(token);

    // Unknown and reserved names (a client may emit "disconnect") never reach a handler.
    socket.use((packet, next) => {
      const name = packet[0];
      if (typeof name === 'string' && KNOWN_EVENTS.has(name)) return next();
      log.warn({ tokenHash: hash }, `ignored unknown event ${JSON.stringify(String(name)).slice(0, 80)}`);
    });

    for (const [event, handler] of Object.entries(handlers)) {
      socket.on(event, (payload: unknown) => {
        // A connection that was taken over may still have packets in flight: they are not its to act on.
        if (registry.current(token)?.id !== conn.id) {
          log.warn({ tokenHash: hash }, `ignored ${event} from a connection that was taken over`);
          return;
        }
        // An ack callback, when a client asks for one, arrives as the payload: it is no payload.
        const value = typeof payload === 'function' ? undefined : payload;
        try {
          const result = handler(token, conn, value);
          if (result instanceof Promise) {
            result.catch((error: unknown) => log.error({ err: error, tokenHash: hash }, `${event} failed`));
          }
        } catch (error) {
          log.error({ err: error, tokenHash: hash }, `${event} failed`);
        }
      });
    }
    socket.on('disconnect', (reason: unknown) => manager.disconnect(token, conn, String(reason)));
    manager.connect(token, conn);
  });
}
