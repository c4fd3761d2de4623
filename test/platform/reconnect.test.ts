import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { START_ALGO, connected, markedAnswer, platformEvent, startTestPlatform } from './helpers.js';
import type { TestClient, TestPlatform } from './helpers.js';

async function startAndDrop(t: TestPlatform, start: object = START_ALGO): Promise<Record<string, unknown>> {
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.start, start);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  const file = await client.next(ServerEvent.fileAvailable);
  await drop(t, client);
  return file.content as Record<string, unknown>;
}

async function drop(t: TestPlatform, client: TestClient): Promise<void> {
  const closed = platformEvent(t.platform, PlatformEvent.connectionClosed);
  client.close();
  await closed;
}

test('a new connection with the token is attached to its active session and told so', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await startAndDrop(t);
  const again = await connected(t.platform.url, 't1');
  assert.deepEqual(await again.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  t.clock.advance(10_000);
  assert.equal((await again.next(ServerEvent.fileAvailable)).fileId, '1002');
});

test('session-reconnect answers the active session id', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await startAndDrop(t);
  const again = await connected(t.platform.url, 't1');
  await again.next(ServerEvent.reconnectSuccess);
  again.emit(ClientEvent.reconnect);
  assert.deepEqual(await again.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
});

test('session-reconnect without an active session is an error', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.reconnect);
  assert.deepEqual(await client.next(ServerEvent.reconnectError), {
    message: 'no active session for this token',
  });
});

test('after a drop the old sessionId keeps working without session-reconnect', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const content = await startAndDrop(t);
  const again = await connected(t.platform.url, 't1');
  again.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await again.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
});

test('a reconnect inside the window keeps the session', async (ctx) => {
  const t = await startTestPlatform({ reconnectWindowSec: 25 });
  ctx.after(() => t.cleanup());
  await startAndDrop(t);
  t.clock.advance(24_999);
  const again = await connected(t.platform.url, 't1');
  assert.deepEqual(await again.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  // The window restarts at the next drop, not at the first.
  await drop(t, again);
  t.clock.advance(24_999);
  assert.equal(t.platform.sessions()[0]?.active, true);
  const third = await connected(t.platform.url, 't1');
  assert.deepEqual(await third.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
});

test('past the window the session is lost, reported, and the next connection is told once', async (ctx) => {
  const t = await startTestPlatform({ reconnectWindowSec: 25 });
  ctx.after(() => t.cleanup());
  await startAndDrop(t);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  t.clock.advance(25_000);
  const { report } = await ended;
  const lost = 'session 1 has ended (lost: no connection for longer than the reconnect window (25 s))';
  assert.deepEqual(report.end, {
    type: 'lost',
    message: 'no connection for longer than the reconnect window (25 s)',
  });
  assert.equal(report.totals.pushed, 3);
  const again = await connected(t.platform.url, 't1');
  assert.deepEqual(await again.next(ServerEvent.autoReconnectError), { message: lost });
  again.emit(ClientEvent.reconnect);
  assert.deepEqual(await again.next(ServerEvent.reconnectError), {
    message: `no active session for this token; ${lost}`,
  });
  assert.deepEqual(
    again.log.map(([name]) => name),
    [ServerEvent.autoReconnectError, ServerEvent.reconnectError],
  );
  const later = await connected(t.platform.url, 't1');
  later.emit(ClientEvent.reconnect);
  await later.next(ServerEvent.reconnectError);
  assert.equal(later.pending(ServerEvent.autoReconnectError), 0, 'told only once');
});

test('the default window is 15 minutes', async (ctx) => {
  const t = await startTestPlatform({ timeoutCloseSec: 1000 });
  ctx.after(() => t.cleanup());
  await startAndDrop(t, { type: 'technical' });
  t.clock.advance(899_999);
  assert.equal(t.platform.sessions()[0]?.active, true);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  t.clock.advance(1);
  assert.equal((await ended).type, 'lost');
});
