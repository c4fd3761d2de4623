import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import {
  START_ALGO,
  captureLogger,
  connected,
  markedAnswer,
  platformEvent,
  startTestPlatform,
} from './helpers.js';
import type { TestClient, TestPlatform } from './helpers.js';

async function startedSession(t: TestPlatform): Promise<{ client: TestClient; answer: string }> {
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const file = await client.next(ServerEvent.fileAvailable);
  const answer = markedAnswer(file.content);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: answer });
  await client.next(ServerEvent.fileSendSuccess);
  return { client, answer };
}

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

test('null and non-object payloads get error events naming what was wrong', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.start, null);
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'session-start payload must be an object (got null)',
  });
  client.emitRaw(ClientEvent.start, 'algorithmic');
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'session-start payload must be an object (got string)',
  });
  client.emitRaw(ClientEvent.fileSend, null);
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: '',
    fileId: '',
    message: 'session-file-send: payload must be an object (got null)',
  });
  client.emitRaw(ClientEvent.fileSend, [1, 2]);
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: '',
    fileId: '',
    message: 'session-file-send: payload must be an object (got an array)',
  });
  client.emitRaw(ClientEvent.fileRepeat, 'x');
  assert.deepEqual(await client.next(ServerEvent.fileRepeatError), {
    missed: false,
    message: 'session-file-repeat: payload must be an object (got "x")',
  });
  client.emitRaw(ClientEvent.clientAbort, 5);
  assert.deepEqual(await client.next(ServerEvent.clientAbortError), {
    message: 'session-client-abort: payload must be an object (got number 5)',
  });
  client.emitRaw(ClientEvent.logsSend, null);
  assert.deepEqual(await client.next(ServerEvent.logsSendError), {
    message: 'logs-send: payload must be {logs: [...]} or an array of records',
  });
  assert.ok(
    client.log.every(([, payload]) => isPlainObject(payload)),
    'every server payload is a non-null object',
  );
});

test('wrong ids are refused, and a malformed file id is not echoed back', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const { client, answer } = await startedSession(t);
  client.emitRaw(ClientEvent.fileSend, { sessionId: 1, fileId: '../../etc/passwd', content: answer });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '',
    message: 'session-file-send: fileId must be a string of digits (got "../../etc/passwd")',
  });
  client.emitRaw(ClientEvent.fileSend, { sessionId: 1, fileId: 1001, content: answer });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '',
    message: 'session-file-send: fileId must be a string of digits (got number 1001)',
  });
  client.emitRaw(ClientEvent.fileSend, { sessionId: { x: 1 }, fileId: '1001', content: answer });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: 'session-file-send: sessionId must be a session id, false or absent (got an object)',
  });
  client.emitRaw(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: 17 });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: 'session-file-send: content must be the essay as a JSON string or an object (got number 17)',
  });
  client.emitRaw(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: '[1, 2]' });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: 'content must encode a JSON object (got an array)',
  });
});

test('unknown events are ignored with a log line and the connection goes on', async (ctx) => {
  const log = captureLogger();
  const t = await startTestPlatform({ logger: log.logger });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw('session-made-up', { a: 1 });
  client.emitRaw('disconnect', 'fake');
  client.emit(ClientEvent.reconnect);
  assert.deepEqual(await client.next(ServerEvent.reconnectError), {
    message: 'no active session for this token',
  });
  assert.ok(log.lines().includes('ignored unknown event "session-made-up"'), log.lines().join('\n'));
  assert.deepEqual(
    client.log.map(([name]) => name),
    [ServerEvent.reconnectError],
  );
});

test('an event sent with an ack callback is handled as if it had no payload', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.fileRepeat, () => undefined);
  assert.deepEqual(await client.next(ServerEvent.fileRepeatError), {
    missed: false,
    message: 'no active session for this token',
  });
});

test('an oversized payload closes only that connection; the session and stored answers survive', async (ctx) => {
  const t = await startTestPlatform({ maxPayloadBytes: 50_000 });
  ctx.after(() => t.cleanup());
  const { client, answer } = await startedSession(t);
  const closed = platformEvent(t.platform, PlatformEvent.connectionClosed);
  client.emitRaw(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: 'x'.repeat(100_000) });
  assert.equal(await client.lifecycle('disconnect'), 'transport close');
  assert.equal((await closed).reason, 'transport error');
  const again = await connected(t.platform.url, 't1');
  assert.deepEqual(await again.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  assert.equal(
    await readFile(join(t.dataDir, 'answers', '1', '1001.json'), 'utf8'),
    `${JSON.stringify(JSON.parse(answer), null, 2)}\n`,
  );
  assert.equal((await t.platform.report(1))?.files[0]?.status, 'on-time');
});

test('a barrage of bad input never loses what was stored', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const { client } = await startedSession(t);
  const junk: unknown[] = [null, undefined, 0, '', 'x', [], {}, { fileId: null }, { content: {} }, true];
  for (const event of Object.values(ClientEvent)) {
    if (event === ClientEvent.clientAbort || event === ClientEvent.clientAbortMisspelled) continue;
    for (const payload of junk) client.emitRaw(event, payload);
  }
  client.emit(ClientEvent.reconnect);
  // Replies come in order: once the last reconnect is answered, every junk event was handled.
  for (let i = 0; i <= junk.length; i++) {
    assert.deepEqual(await client.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  }
  t.clock.advance(200_000);
  const report = await t.platform.report(1);
  assert.equal(report?.files[0]?.status, 'on-time');
  assert.ok(
    client.log.every(([, payload]) => isPlainObject(payload)),
    'every server payload is a non-null object',
  );
});
