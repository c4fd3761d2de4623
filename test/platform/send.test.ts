import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { Essay } from '../../src/essay/index.js';
import { START_ALGO, connected, essayObject, essayText, markedAnswer, startTestPlatform } from './helpers.js';
import type { TestClient, TestPlatform } from './helpers.js';

async function startedSession(): Promise<{
  t: TestPlatform;
  client: TestClient;
  content: Record<string, unknown>;
}> {
  const t = await startTestPlatform();
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const file = await client.next(ServerEvent.fileAvailable);
  return { t, client, content: file.content as Record<string, unknown> };
}

const readJson = async (path: string): Promise<unknown> =>
  JSON.parse(await readFile(path, 'utf8')) as unknown;

test('an answer as a JSON string is checked, stored on disk, then acknowledged', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  const answer = markedAnswer(content);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: answer });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
  assert.deepEqual(await readJson(join(t.dataDir, 'answers', '1', '1001.json')), JSON.parse(answer));
});

test('an answer as an object is accepted too', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  const answer = JSON.parse(markedAnswer(content)) as Record<string, unknown>;
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: answer });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
  assert.deepEqual(await readJson(join(t.dataDir, 'answers', '1', '1001.json')), answer);
});

test('sessionId false or missing means the token’s active session; a numeric string matches too', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  client.emit(ClientEvent.fileSend, { sessionId: false, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
  client.emitRaw(ClientEvent.fileSend, { fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
  client.emitRaw(ClientEvent.fileSend, { sessionId: '1', fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
});

test('a late answer is stored, acknowledged and marked late', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  t.clock.advance(12_500);
  await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), {
    sessionId: 1,
    fileId: '1001',
    message: 'stored, but late by 2.500 s',
  });
  const report = await t.platform.report(1);
  assert.equal(report?.files[0]?.status, 'late');
});

test('an answer exactly at the deadline is late', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  t.clock.advance(10_000);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), {
    sessionId: 1,
    fileId: '1001',
    message: 'stored, but late by 0.000 s',
  });
});

test('of two on-time answers the latest counts', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: JSON.stringify(content) });
  await client.next(ServerEvent.fileSendSuccess);
  const second = markedAnswer(content);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: second });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1001' });
  assert.deepEqual(await readJson(join(t.dataDir, 'answers', '1', '1001.json')), JSON.parse(second));
  const file = (await t.platform.report(1))?.files[0];
  assert.equal(file?.answers, 2);
  assert.equal(file?.status, 'on-time');
});

test('a late answer after an on-time one is stored aside and the on-time one still counts', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  const onTime = markedAnswer(content);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: onTime });
  await client.next(ServerEvent.fileSendSuccess);
  t.clock.advance(11_000);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: JSON.stringify(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendSuccess), {
    sessionId: 1,
    fileId: '1001',
    message: 'stored, but late by 1.000 s: the earlier on-time answer still counts',
  });
  assert.deepEqual(await readJson(join(t.dataDir, 'answers', '1', '1001.json')), JSON.parse(onTime));
  assert.deepEqual(await readJson(join(t.dataDir, 'answers', '1', '1001.late.json')), content);
  assert.equal((await t.platform.report(1))?.files[0]?.status, 'on-time');
});

test('a file id that was not pushed in the session is refused with its id', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1002', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1002',
    message: 'file 1002 was not pushed in session 1',
  });
});

test('a sessionId other than the active one is refused naming both', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  client.emit(ClientEvent.fileSend, { sessionId: 99, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: "sessionId 99 is not this token's active session (1)",
  });
});

test('malformed JSON in content is refused with the parser’s reason and marks the file invalid', async (ctx) => {
  const { t, client } = await startedSession();
  ctx.after(() => t.cleanup());
  const bad = '{"meta": {"id": "1001"';
  let parserMessage = '';
  try {
    JSON.parse(bad);
  } catch (error) {
    parserMessage = (error as Error).message;
  }
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: bad });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: `content is not valid JSON: ${parserMessage}`,
  });
  t.clock.advance(100_000);
  const file = (await t.platform.report(1))?.files[0];
  assert.equal(file?.status, 'invalid');
  assert.equal(file?.reason, `content is not valid JSON: ${parserMessage}`);
});

test('content that is not an essay is refused with the essay reader’s reason', async (ctx) => {
  const { t, client } = await startedSession();
  ctx.after(() => t.cleanup());
  const notEssay = { meta: { id: '1001', subject: 'rus' }, text: 42 };
  let reason = '';
  try {
    Essay.fromObject(notEssay, { source: 'file 1001' });
  } catch (error) {
    reason = (error as Error).message;
  }
  assert.notEqual(reason, '');
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: notEssay });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: `content is not an essay: ${reason}`,
  });
});

test('an answer whose text differs from the pushed text is refused with the offset', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  const text = essayText('1001');
  const changed = { ...content, text: `${text.slice(0, 6)}X${text.slice(7)}` };
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: changed });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: `content.text differs from the pushed text of file 1001 at offset 6 (returned ${text.length} characters, pushed ${text.length})`,
  });
  const other = essayObject({ id: '1002' });
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: other });
  const otherText = other.text as string;
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: `content.text differs from the pushed text of file 1001 at offset 9 (returned ${otherText.length} characters, pushed ${text.length})`,
  });
  // Refused answers are kept apart, never as the answer that counts.
  assert.deepEqual((await readdir(join(t.dataDir, 'answers', '1'))).sort(), [
    '1001.invalid-1.json',
    '1001.invalid-2.json',
  ]);
});

test('without an active session nothing can be sent', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: essayObject({ id: '1001' }) });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message: 'no active session for this token; nothing can be sent',
  });
});

test('after the session closes an answer is refused naming how it ended', async (ctx) => {
  const { t, client, content } = await startedSession();
  ctx.after(() => t.cleanup());
  client.emit(ClientEvent.clientAbort, { sessionId: 1 });
  await client.next(ServerEvent.clientAbortSuccess);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: markedAnswer(content) });
  assert.deepEqual(await client.next(ServerEvent.fileSendError), {
    sessionId: 1,
    fileId: '1001',
    message:
      'no active session for this token; session 1 has ended (client-abort: aborted by the client); nothing can be sent',
  });
});
