import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { START_ALGO, connected, markedAnswer, platformEvent, startTestPlatform } from './helpers.js';
import type { TestClient, TestPlatform } from './helpers.js';

/** Receives the next pushed file and answers it at once. */
async function answerNext(client: TestClient): Promise<string> {
  const file = await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileSend, {
    sessionId: file.sessionId,
    fileId: file.fileId,
    content: markedAnswer(file.content),
  });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: file.fileId });
  return file.fileId;
}

async function start(t: TestPlatform): Promise<TestClient> {
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  return client;
}

test('session-close finish comes when every file is answered, after the last push', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  for (let i = 0; i < 9; i++) {
    await answerNext(client);
    t.clock.advance(10_000);
  }
  assert.equal(client.pending(ServerEvent.close), 0, 'all answered so far, but not all pushed: still open');
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  await answerNext(client);
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'finish' });
  const { report } = await ended;
  assert.deepEqual(report.end, { type: 'finish' });
  assert.deepEqual(report.totals, {
    planned: 10,
    pushed: 10,
    onTime: 10,
    late: 0,
    missing: 0,
    invalid: 0,
    pending: 0,
  });
  await access(join(t.dataDir, 'reports', '1.json'));
});

test('a late answer to the last missing file also finishes the session', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  const first = await client.next(ServerEvent.fileAvailable);
  for (let i = 1; i < 10; i++) {
    t.clock.advance(10_000);
    await answerNext(client);
  }
  client.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: first.fileId,
    content: markedAnswer(first.content),
  });
  await client.next(ServerEvent.fileSendSuccess);
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'finish' });
});

test('timeout-close comes 5 minutes after the last push when a file is still unanswered', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await start(t);
  for (let i = 0; i < 9; i++) t.clock.advance(10_000);
  t.clock.advance(299_999);
  assert.equal(t.platform.sessions()[0]?.active, true);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  t.clock.advance(1);
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'timeout-close' });
  assert.equal((await ended).report.totals.missing, 10);
  assert.equal(t.clock.pending(), 0, 'no timer left behind');
});

test('the close timeout is configurable', async (ctx) => {
  const t = await startTestPlatform({ timeoutCloseSec: 20 });
  ctx.after(() => t.cleanup());
  const client = await start(t);
  for (let i = 0; i < 9; i++) t.clock.advance(10_000);
  t.clock.advance(20_000);
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'timeout-close' });
});

test('after a close the token can start a new session with the next id', async (ctx) => {
  const t = await startTestPlatform({ timeoutCloseSec: 20 });
  ctx.after(() => t.cleanup());
  const client = await start(t);
  for (let i = 0; i < 9; i++) t.clock.advance(10_000);
  t.clock.advance(20_000);
  await client.next(ServerEvent.close);
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 2 });
});

test('logs-send stores records per token under a hash, also after the session closed', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.logsSend, {
    logs: [
      { level: 'info', msg: 'hello' },
      { level: 'warn', msg: 'bye' },
    ],
  });
  assert.deepEqual(await client.next(ServerEvent.logsSendSuccess), { message: 'stored 2 log records' });
  client.emitRaw(ClientEvent.logsSend, { logs: 'nope' });
  assert.deepEqual(await client.next(ServerEvent.logsSendError), {
    message: 'logs-send: payload must be {logs: [...]} or an array of records',
  });
  const { readFile, readdir } = await import('node:fs/promises');
  const names = await readdir(join(t.dataDir, 'logs'));
  assert.equal(names.length, 1);
  assert.match(names[0] ?? '', /^[0-9a-f]{32}\.jsonl$/);
  const text = await readFile(join(t.dataDir, 'logs', names[0] ?? ''), 'utf8');
  assert.doesNotMatch(text, /t1/);
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.map((l) => [l.sessionId, l.record]),
    [
      [null, { level: 'info', msg: 'hello' }],
      [null, { level: 'warn', msg: 'bye' }],
    ],
  );
});
