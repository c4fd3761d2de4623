import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { START_ALGO, connected, platformEvent, startTestPlatform } from './helpers.js';

const TAKEN_OVER = { message: 'another connection with this token has taken over; this one is closed' };

test('a second connection with the same token takes over and the first is told and disconnected', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const first = await connected(t.platform.url, 't1');
  const second = await connected(t.platform.url, 't1');
  assert.deepEqual(await first.next(ServerEvent.connectionAuthError), TAKEN_OVER);
  assert.equal(await first.lifecycle('disconnect'), 'io server disconnect');
  assert.deepEqual(second.log, []);
  second.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await second.next(ServerEvent.startSuccess), { sessionId: 1 });
});

test('the new connection inherits the session; the old one gets no more files', async (ctx) => {
  const t = await startTestPlatform({ reconnectWindowSec: 15 });
  ctx.after(() => t.cleanup());
  const first = await connected(t.platform.url, 't1');
  first.emit(ClientEvent.start, START_ALGO);
  await first.next(ServerEvent.startSuccess);
  await first.next(ServerEvent.fileAvailable);
  const oldClosed = platformEvent(t.platform, PlatformEvent.connectionClosed);
  const second = await connected(t.platform.url, 't1');
  assert.deepEqual(await second.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  await oldClosed;
  // The kicked connection's disconnect must not start the reconnect window.
  t.clock.advance(10_000);
  assert.equal((await second.next(ServerEvent.fileAvailable)).fileId, '1002');
  t.clock.advance(10_000);
  assert.equal((await second.next(ServerEvent.fileAvailable)).fileId, '1003');
  assert.equal(t.platform.sessions()[0]?.active, true);
  assert.deepEqual(
    first.log.map(([name]) => name),
    [ServerEvent.startSuccess, ServerEvent.fileAvailable, ServerEvent.connectionAuthError],
  );
});

test('connections with different tokens do not disturb each other', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const a = await connected(t.platform.url, 't1');
  const b = await connected(t.platform.url, 't2');
  a.emit(ClientEvent.reconnect);
  b.emit(ClientEvent.reconnect);
  await a.next(ServerEvent.reconnectError);
  await b.next(ServerEvent.reconnectError);
  assert.equal(a.pending(ServerEvent.connectionAuthError), 0);
  assert.equal(b.pending(ServerEvent.connectionAuthError), 0);
});
