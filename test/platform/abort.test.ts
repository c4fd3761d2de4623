import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { START_ALGO, connected, platformEvent, startTestPlatform } from './helpers.js';
import type { TestClient, TestPlatform } from './helpers.js';

async function start(t: TestPlatform, token = 't1'): Promise<TestClient> {
  const client = await connected(t.platform.url, token);
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  return client;
}

test('session-client-abort ends the active session and is answered with success', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  client.emit(ClientEvent.clientAbort, { sessionId: 1, message: 'operator stop' });
  assert.deepEqual(await client.next(ServerEvent.clientAbortSuccess), { message: 'session 1 aborted' });
  assert.deepEqual((await ended).report.end, { type: 'client-abort', message: 'operator stop' });
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 2 });
});

test('the misspelled session-cliend-abort works the same, with or without a payload', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  client.emit(ClientEvent.clientAbortMisspelled);
  assert.deepEqual(await client.next(ServerEvent.clientAbortSuccess), { message: 'session 1 aborted' });
});

test('a client abort without an active session is an error', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.clientAbort, {});
  assert.deepEqual(await client.next(ServerEvent.clientAbortError), {
    message: 'no active session for this token; nothing to abort',
  });
});

test('a client abort naming another session is an error and the session goes on', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  client.emit(ClientEvent.clientAbort, { sessionId: 7 });
  assert.deepEqual(await client.next(ServerEvent.clientAbortError), {
    message: "sessionId 7 is not this token's active session (1)",
  });
  assert.equal(t.platform.sessions()[0]?.active, true);
});

test('abortSession by token sends session-abort with the message and returns the report', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  const report = await t.platform.abortSession('t1', 'maintenance');
  assert.deepEqual(await client.next(ServerEvent.abort), { sessionId: 1, message: 'maintenance' });
  assert.deepEqual(report?.end, { type: 'server-abort', message: 'maintenance' });
  assert.equal(await t.platform.abortSession('t1'), undefined, 'nothing left to abort');
});

test('abortSession by session id works and leaves other tokens alone', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await start(t, 't1');
  const b = await connected(t.platform.url, 't2');
  b.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await b.next(ServerEvent.startSuccess), { sessionId: 2 });
  const report = await t.platform.abortSession(2);
  assert.equal(report?.sessionId, 2);
  assert.deepEqual(await b.next(ServerEvent.abort), { sessionId: 2, message: 'aborted by the platform' });
  assert.deepEqual(
    t.platform.sessions().map((s) => [s.sessionId, s.active, s.end]),
    [
      [1, true, null],
      [2, false, 'server-abort'],
    ],
  );
});

test('closing the platform aborts open sessions and writes their reports', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  await t.platform.close();
  assert.deepEqual(await client.next(ServerEvent.abort), {
    sessionId: 1,
    message: 'the platform is shutting down',
  });
  const report = JSON.parse(await readFile(join(t.dataDir, 'reports', '1.json'), 'utf8')) as { end: unknown };
  assert.deepEqual(report.end, { type: 'server-abort', message: 'the platform is shutting down' });
});
