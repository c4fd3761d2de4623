import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { ENGINE_IO_PROTOCOL } from '../protocol/index.js';

function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

/**
Why a handshake speaks the wrong protocol generation, or undefined when it is fine. A Socket.IO
3/4 client sends `EIO=4`; this platform, like the production one, speaks Engine.IO 3 only.
*/
export function protocolMismatch(req: IncomingMessage): string | undefined {
  const eio = queryOf(req).get('EIO');
  if (eio === null || eio === String(ENGINE_IO_PROTOCOL)) return undefined;
  return (
    `protocol mismatch: the client speaks Engine.IO ${eio} (a Socket.IO ${eio === '4' ? '3/4' : 'other'} client); ` +
    `this platform speaks Engine.IO ${ENGINE_IO_PROTOCOL} (Socket.IO 2) only — use socket.io-client@2`
  );
}

/**
Refuses wrong-generation polling handshakes before Engine.IO answers "Transport unknown", so a
Socket.IO 4 client on its default transports gets (and the log shows) the real reason.
WebSocket handshakes are refused by the `allowRequest` option with the same message.
*/
export function gatePollingHandshakes(
  server: HttpServer,
  path: string,
  refuse: (reason: string) => void,
): void {
  const engineListeners = server.listeners('request').slice() as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res) => {
    const reason = (req.url ?? '').startsWith(path) ? protocolMismatch(req) : undefined;
    if (reason !== undefined) {
      refuse(reason);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 5, message: reason }));
      return;
    }
    for (const listener of engineListeners) listener.call(server, req, res);
  });
}
