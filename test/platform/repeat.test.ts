import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import {
  START_ALGO,
  connected,
  essayObject,
  markedAnswer,
  platformEvent,
  startTestPlatform,
} from './helpers.js';
import type { TestPlatform } from './helpers.js';

const file = (id: string, missed: boolean) => ({
  sessionId: 1,
  fileId: id,
  content: essayObject({ id }),
  missed,
});

/** Starts a session, receives file 1, drops; files 2 and 3 are pushed while nobody is attached. */
async function missTwoFiles(t: TestPlatform): Promise<void> {
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  const closed = platformEvent(t.platform, PlatformEvent.connectionClosed);
  client.close();
  await closed;
  t.clock.advance(20_000);
}

test('a repeat before any session-start is an error; missed: true only for a request with lastFileId', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.fileRepeat, { lastFileId: 'none' });
  assert.deepEqual(await client.next(ServerEvent.fileRepeatError), {
    missed: true,
    message: 'no active session for this token',
  });
  client.emit(ClientEvent.fileRepeat);
  assert.deepEqual(await client.next(ServerEvent.fileRepeatError), {
    missed: false,
    message: 'no active session for this token',
  });
  client.emit(ClientEvent.fileRepeat, {});
  assert.deepEqual(await client.next(ServerEvent.fileRepeatError), {
    missed: false,
    message: 'no active session for this token',
  });
});

test('with every file delivered, a repeat re-sends the newest file with missed: false', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  t.clock.advance(10_000);
  await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileRepeat, { lastFileId: '1002' });
  assert.deepEqual(await client.next(ServerEvent.fileRepeatSuccess), file('1002', false));
});

test('files pushed while offline come back oldest first with missed: true, then the newest again', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await missTwoFiles(t);
  const again = await connected(t.platform.url, 't1');
  await again.next(ServerEvent.reconnectSuccess);
  assert.equal(
    again.pending(ServerEvent.fileAvailable),
    0,
    'missed files are not pushed again by themselves',
  );
  // 1001 went over the connection that dropped, unanswered: it may never have arrived, so it comes first.
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1001', true));
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1002', true));
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1002' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1003', true));
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1003' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1003', false));
});

test("a file pushed after the client's lastFileId comes back with missed: true even if it was delivered", async (ctx) => {
  // The client received 1002 and 1003 but died before saving them: it says it holds 1001.
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  t.clock.advance(10_000);
  await client.next(ServerEvent.fileAvailable);
  t.clock.advance(10_000);
  await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.deepEqual(await client.next(ServerEvent.fileRepeatSuccess), file('1002', true));
  client.emit(ClientEvent.fileRepeat, { lastFileId: '1002' });
  assert.deepEqual(await client.next(ServerEvent.fileRepeatSuccess), file('1003', true));
  client.emit(ClientEvent.fileRepeat, { lastFileId: '1003' });
  assert.deepEqual(await client.next(ServerEvent.fileRepeatSuccess), file('1003', false));
});

test('an early repeat with a placeholder lastFileId gets the missed file', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await missTwoFiles(t);
  const again = await connected(t.platform.url, 't1');
  again.emitRaw(ClientEvent.fileRepeat, { lastFileId: 'no-file-yet' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1001', true));
  again.emitRaw(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1002', true));
});

test('a missed file that was answered anyway is skipped by the repeat', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await missTwoFiles(t);
  const again = await connected(t.platform.url, 't1');
  again.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: '1002',
    content: markedAnswer(essayObject({ id: '1002' })),
  });
  await again.next(ServerEvent.fileSendSuccess);
  again.emit(ClientEvent.fileRepeat, {});
  // A plain repeat (no lastFileId) brings a file the client may not hold, with a falsy missed.
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1001', false));
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.deepEqual(await again.next(ServerEvent.fileRepeatSuccess), file('1003', true));
});

test('a repeated missed file counts as delivered in the report, its deadline unchanged', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await missTwoFiles(t);
  const again = await connected(t.platform.url, 't1');
  again.emit(ClientEvent.fileRepeat);
  assert.equal((await again.next(ServerEvent.fileRepeatSuccess)).fileId, '1001');
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  assert.equal((await again.next(ServerEvent.fileRepeatSuccess)).fileId, '1002');
  const report = await t.platform.report(1);
  assert.deepEqual(
    report?.files.map((f) => [f.fileId, f.delivered, Date.parse(f.deadline) - Date.parse(f.pushedAt)]),
    [
      ['1001', true, 10_000],
      ['1002', true, 10_000],
      ['1003', false, 10_000],
    ],
  );
});
