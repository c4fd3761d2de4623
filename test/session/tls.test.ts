import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { SocketIoConnector } from '../../src/session/index.js';

// socket.io 2 has no types; only `of(ns).on('connection')` and `close()` are used here.
type IoServer = { of(ns: string): { on(e: 'connection', l: () => void): void }; close(): void };
const socketIo = createRequire(import.meta.url)('socket.io') as (srv: unknown, o: object) => IoServer;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/** An HTTPS Socket.IO 2 server with a self-signed certificate, as a rehearsal host might have. */
async function selfSignedServer(t: { after(fn: () => void): void }) {
  const https = createServer({ key: fixture('key.pem'), cert: fixture('cert.pem') });
  const io = socketIo(https, { transports: ['websocket'] });
  let connections = 0;
  io.of('/pku').on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    io.close();
    https.close();
  });
  const { port } = https.address() as AddressInfo;
  return { host: `https://127.0.0.1:${port}`, connections: () => connections };
}

const once = { initialAttempts: 1, minDelayMs: 1, maxDelayMs: 1 };

test('certificates are verified by default: a self-signed server is refused', async (t) => {
  const server = await selfSignedServer(t);
  const connector = new SocketIoConnector({ host: server.host, token: 'secret-token-1234', reconnect: once });
  t.after(() => connector.close());
  await assert.rejects(connector.connect(), (error: Error) => {
    assert.match(error.message, /could not connect to https:\/\/127\.0\.0\.1:\d+\/pku after 1 attempts/);
    assert.match(error.message, /websocket error: self[- ]signed certificate/);
    assert.doesNotMatch(error.message, /secret-token-1234/);
    return true;
  });
  assert.equal(server.connections(), 0);
});

test('the explicit opt-out connects to a self-signed server', async (t) => {
  const server = await selfSignedServer(t);
  const connector = new SocketIoConnector({
    host: server.host,
    token: 't',
    tlsInsecure: true,
    reconnect: once,
  });
  t.after(() => connector.close());
  await connector.connect();
  assert.equal(connector.connected, true);
});
