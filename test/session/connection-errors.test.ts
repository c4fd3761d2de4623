// Issue 9.1: only `connection-auth-error` refuses the token. Any other `error` of the line — a
// frame over the WebSocket size limit, a stray ERROR packet — must not end the session: it
// reconnects (or stays connected) and every file is still answered.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnector, SessionError } from '../../src/session/index.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';
import { FrameProxy, oversizeFrameHeader, textFrame } from './support/frame-proxy.js';

async function viaFrameProxy(t: Parameters<typeof setup>[0]) {
  const env = await setup(t, { count: 4, timeoutCloseSec: 1000 });
  const proxy = await FrameProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  const errors: { message: string; connected: boolean }[] = [];
  connector.on('transport-error', (info) => errors.push(info));
  return { env, proxy, connector, errors, session: makeSession(env, demo(), { connector }) };
}

test('a frame over the size limit after the connection is up: reconnect and resume, every file answered', async (t) => {
  const { env, proxy, session, errors } = await viaFrameProxy(t);
  const reconnects: boolean[] = [];
  session.on('connected', ({ reconnect }) => reconnects.push(reconnect));
  // What a 112 MB push does to the client's WebSocket, without sending 112 MB: the header announces it.
  session.once('file-accepted', () => proxy.inject(oversizeFrameHeader(112 * 1024 * 1024)));
  await session.start({ ...START, time: 60 });
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish', JSON.stringify(summary));
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0]!.message, /websocket error: Max payload size exceeded/);
  assert.deepEqual(reconnects, [false, true]);
});

test('an ERROR packet while connected is logged and changes nothing: no reconnect, every file answered', async (t) => {
  const { env, proxy, session, errors } = await viaFrameProxy(t);
  const reconnects: boolean[] = [];
  session.on('connected', ({ reconnect }) => reconnects.push(reconnect));
  session.once('file-accepted', () => proxy.inject(textFrame('44/pku,"boom"')));
  await session.start({ ...START, time: 60 });
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish', JSON.stringify(summary));
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.deepEqual(errors, [{ message: 'boom', connected: true }]);
  assert.deepEqual(reconnects, [false]);
});

test('middleware refusing the namespace is a failed connection attempt, retried, never an auth error', async (t) => {
  // A bare socket.io 2 server whose middleware refuses every connection to /pku.
  const io = (createRequire(import.meta.url)('socket.io') as (opts: object) => SioServer)({});
  const server = createServer();
  io.attach(server);
  let refused = 0;
  io.of('/pku').use((_socket, next) => {
    refused += 1;
    next(new Error('unauthorized'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => new Promise<void>((resolve) => io.close(() => resolve())));
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: TOKEN,
    reconnect: { ...fastReconnect(), initialAttempts: 2 },
  });
  t.after(() => connector.close());
  const error = await connector.connect().then(
    () => assert.fail('the connection should be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SessionError);
  assert.equal(error.kind, 'connection');
  assert.match(
    error.message,
    /after 2 attempts \(last error: the platform refused the namespace: unauthorized\)/,
  );
  assert.equal(refused, 3, 'the first attempt and two retries');
});

interface SioServer {
  attach(server: Server): void;
  of(nsp: string): { use(fn: (socket: unknown, next: (error?: Error) => void) => void): void };
  close(done: () => void): void;
}
