// Findings of issue 9 (local platform, 9.10–9.13) and issue 8 item 8, one test each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import {
  START_ALGO,
  captureLogger,
  connected,
  essayObject,
  markedAnswer,
  platformEvent,
  startTestPlatform,
} from './helpers.js';

test('9.10 client text in log lines is escaped and capped: no forged lines, no megabyte lines', async (ctx) => {
  const log = captureLogger();
  const t = await startTestPlatform({ logger: log.logger });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  const forged = 'x\n{"level":30,"msg":"FORGED"}\r\u001b[2J\u2028';
  client.emitRaw(ClientEvent.fileRepeat, { lastFileId: forged });
  await client.next(ServerEvent.fileRepeatSuccess);
  client.emitRaw(ClientEvent.fileRepeat, { lastFileId: '7'.repeat(1_000_000) });
  await client.next(ServerEvent.fileRepeatSuccess);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  client.emitRaw(ClientEvent.clientAbort, { message: `bye\n\u001b[31mFORGED ${'y'.repeat(5000)}` });
  await client.next(ServerEvent.clientAbortSuccess);
  await ended;
  const messages = log.lines();
  const repeated = messages.filter((m) => m.includes("client's last file"));
  assert.equal(repeated.length, 2);
  assert.ok(repeated[0]?.includes('x\\n{"level":30,"msg":"FORGED"}\\r\\u001b[2J\\u2028'), repeated[0]);
  assert.match(repeated[1] ?? '', /… \(1000000 characters\)$/);
  const abortLine = messages.find((m) => m.includes('ended: client-abort')) ?? '';
  assert.match(abortLine, /bye\\n\\u001b\[31mFORGED y+… \(\d{4} characters\)/);
  for (const m of messages) {
    assert.doesNotMatch(
      m,
      // eslint-disable-next-line no-control-regex -- no raw control character may reach a log line
      /[\n\r\u001b\u2028]/,
      `raw control character in ${JSON.stringify(m.slice(0, 80))}`,
    );
    assert.ok(m.length < 1000, `a ${m.length}-character log line`);
  }
});

test('9.11 a storage failure is answered without the server paths; the details go to the log', async (ctx) => {
  const log = captureLogger();
  const t = await startTestPlatform({ logger: log.logger });
  ctx.after(() => t.cleanup());
  // The store cannot write: `logs` and `answers/1` are files where directories must be.
  await mkdir(t.dataDir, { recursive: true });
  await writeFile(join(t.dataDir, 'logs'), 'not a directory');
  await mkdir(join(t.dataDir, 'answers'), { recursive: true });
  await writeFile(join(t.dataDir, 'answers', '1'), 'not a directory');
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.logsSend, { logs: [{ msg: 'hi' }] });
  const logsReply = await client.next(ServerEvent.logsSendError);
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const pushed = await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: pushed.fileId,
    content: markedAnswer(pushed.content),
  });
  const sendReply = await client.next(ServerEvent.fileSendError);
  for (const reply of [logsReply.message ?? '', sendReply.message ?? '']) {
    assert.match(
      reply,
      /^the platform could not store the (logs|answer): a storage error \(details in the platform log\)$/,
    );
    assert.ok(!reply.includes(t.dataDir) && !reply.includes('/'), reply);
  }
  assert.ok(
    log.raw().some((l) => l.includes(join(t.dataDir, 'logs'))),
    'the log names the path',
  );
});

test('9.12 an answer with offsets outside the text is refused, kept as invalid, and never displaces a valid one', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const pushed = await client.next(ServerEvent.fileAvailable);
  t.clock.advance(10_000); // the deadline passes: the valid answer is late
  await client.next(ServerEvent.fileAvailable);
  const good = markedAnswer(pushed.content);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: pushed.fileId, content: good });
  await client.next(ServerEvent.fileSendSuccess);
  const essay = JSON.parse(good) as Record<string, unknown>;
  const selection = { id: 1, startSelection: -5, endSelection: 1e308, type: 'Г.слов', group: 'error' };
  const bad = { ...essay, selections: [selection] };
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: pushed.fileId, content: bad });
  const refused = await client.next(ServerEvent.fileSendError);
  assert.equal(
    refused.message,
    `selections[0].startSelection must be an integer from 0 to ${(essay.text as string).length}, the text length (got -5)`,
  );
  const dir = join(t.dataDir, 'answers', '1');
  assert.deepEqual((await readdir(dir)).sort(), [`${pushed.fileId}.invalid-1.json`, `${pushed.fileId}.json`]);
  assert.equal(
    await readFile(join(dir, `${pushed.fileId}.json`), 'utf8'),
    `${JSON.stringify(essay, null, 2)}\n`,
  );
  const kept = JSON.parse(await readFile(join(dir, `${pushed.fileId}.invalid-1.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  assert.equal(kept.reason, refused.message);
  assert.deepEqual(kept.content, bad);
  const report = await t.platform.report(1);
  const first = report?.files[0];
  assert.equal(first?.status, 'late');
  assert.equal(first?.rejected, 1);
  assert.equal(first?.answers, 1);
});

test('9.13 logs-send has a quota: records per message and bytes per token', async (ctx) => {
  const t = await startTestPlatform({ maxLogBytes: 2000 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.logsSend, { logs: Array.from({ length: 1001 }, (_, i) => ({ i })) });
  assert.deepEqual(await client.next(ServerEvent.logsSendError), {
    message: 'logs-send: 1001 records in one message; the limit is 1000 (send them in parts)',
  });
  client.emit(ClientEvent.logsSend, { logs: [{ msg: 'a'.repeat(900) }] });
  await client.next(ServerEvent.logsSendSuccess);
  client.emit(ClientEvent.logsSend, { logs: [{ msg: 'b'.repeat(900) }] });
  await client.next(ServerEvent.logsSendSuccess);
  client.emit(ClientEvent.logsSend, { logs: [{ msg: 'c'.repeat(900) }] });
  const over = await client.next(ServerEvent.logsSendError);
  assert.match(
    over.message,
    /^logs-send: the log quota of this token is used up \(\d+ of 2000 bytes stored; this message needs \d+\)$/,
  );
  const names = await readdir(join(t.dataDir, 'logs'));
  const text = await readFile(join(t.dataDir, 'logs', names[0] ?? ''), 'utf8');
  assert.equal(text.trim().split('\n').length, 2);
});

test('9.13 token hashes are salted per store: 32 hex digits, stable across restarts, different between stores', async (ctx) => {
  const a = await startTestPlatform();
  ctx.after(() => a.cleanup());
  const b = await startTestPlatform();
  ctx.after(() => b.cleanup());
  const hashA = a.platform.tokenHash('t1');
  assert.match(hashA, /^[0-9a-f]{32}$/);
  assert.notEqual(hashA, b.platform.tokenHash('t1'));
  const salt = await readFile(join(a.dataDir, 'token-salt'), 'utf8');
  assert.match(salt, /^[0-9a-f]{32}\n$/);
  const { startPlatform } = await import('../../src/platform/index.js');
  const again = await startPlatform({ dataDir: a.dataDir, datasetDir: a.datasetDir, tokens: ['t1'] });
  assert.equal(again.tokenHash('t1'), hashA);
  await again.close();
});

test('issue 8 item 8: missed follows the request, also for a never-received file', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const first = await connected(t.platform.url, 't1');
  first.emit(ClientEvent.start, START_ALGO);
  await first.next(ServerEvent.startSuccess);
  await first.next(ServerEvent.fileAvailable);
  const closed = platformEvent(t.platform, PlatformEvent.connectionClosed);
  first.close();
  await closed;
  t.clock.advance(10_000); // 1002 is pushed while nobody is attached
  const client = await connected(t.platform.url, 't1');
  await client.next(ServerEvent.reconnectSuccess);
  // 1001 went over the dropped connection unanswered, 1002 to nobody: both are not known held.
  client.emit(ClientEvent.fileRepeat);
  const plain = await client.next(ServerEvent.fileRepeatSuccess);
  assert.deepEqual([plain.fileId, plain.missed], ['1001', false]);
  client.emit(ClientEvent.fileRepeat);
  const plain2 = await client.next(ServerEvent.fileRepeatSuccess);
  assert.deepEqual([plain2.fileId, plain2.missed], ['1002', false]);
  client.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  const catchUp = await client.next(ServerEvent.fileRepeatSuccess);
  assert.deepEqual([catchUp.fileId, catchUp.missed], ['1002', true]);
  assert.deepEqual(catchUp.content, essayObject({ id: '1002' }));
});
