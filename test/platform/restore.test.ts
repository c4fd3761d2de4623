import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { ManualClock } from '../../src/clock/index.js';
import { startPlatform } from '../../src/platform/index.js';
import type { Platform, SessionReport } from '../../src/platform/index.js';
import { START_ALGO, connected, markedAnswer, startTestPlatform } from './helpers.js';
import type { TestPlatform } from './helpers.js';

// A platform's store as a SIGKILL leaves it: every write the platform makes is done (journal lines
// synchronously, answers atomically) before the client hears of it, so a copy of the store taken
// while the platform runs is exactly what a killed one leaves. The restarted platform runs on the
// copy with its own manual clock; test/platform/restart-process.test.ts kills real processes.

const FILE_MS = 10_000; // START_ALGO: 10 s per file, time scale 1

async function restartOnCopy(
  t: TestPlatform,
  at: number,
  cleanup: (fn: () => Promise<void>) => void,
): Promise<{ platform: Platform; clock: ManualClock; dataDir: string }> {
  const dataDir = `${t.dataDir}-restarted`;
  await cp(t.dataDir, dataDir, { recursive: true });
  const clock = new ManualClock(at);
  const platform = await startPlatform({ dataDir, datasetDir: t.datasetDir, tokens: ['t1', 't2'], clock });
  cleanup(() => platform.close());
  return { platform, clock, dataDir };
}

test('a restarted platform takes back an active session: files, deadlines, answers; the client continues', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  const first = await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: first.fileId,
    content: markedAnswer(first.content),
  });
  await client.next(ServerEvent.fileSendSuccess);
  t.clock.advance(FILE_MS);
  const second = await client.next(ServerEvent.fileAvailable);
  assert.equal(second.fileId, '1002');

  // Down for 1 s: file 1002's deadline (pushed at +10 s, due at +20 s) is still ahead.
  const afters: (() => Promise<void>)[] = [];
  ctx.after(async () => {
    for (const fn of afters) await fn();
  });
  const r = await restartOnCopy(t, t.clock.now() + 1000, (fn) => afters.push(fn));
  const again = await connected(r.platform.url, 't1');
  assert.deepEqual(await again.next(ServerEvent.reconnectSuccess), { sessionId: 1 });
  // The catch-up after a connect: 1002 went over a connection that is gone, so it comes again.
  again.emit(ClientEvent.fileRepeat, { lastFileId: '1001' });
  const repeated = await again.next(ServerEvent.fileRepeatSuccess);
  assert.equal(repeated.fileId, '1002');
  assert.equal(repeated.missed, true);
  // The answer given before the crash still counts; a second one to 1001 is a re-send, not a new file.
  again.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1002', content: markedAnswer(repeated.content) });
  assert.deepEqual(await again.next(ServerEvent.fileSendSuccess), { sessionId: 1, fileId: '1002' });
  // The schedule resumes in wall time: the next push is due 10 s after 1002's push, 9 s from now.
  r.clock.advance(FILE_MS - 1000 - 1);
  assert.equal(again.pending(ServerEvent.fileAvailable), 0);
  r.clock.advance(1);
  assert.equal((await again.next(ServerEvent.fileAvailable)).fileId, '1003');

  const report = (await r.platform.report(1)) as SessionReport;
  assert.deepEqual(
    report.files.map((f) => [f.fileId, f.status]),
    [
      ['1001', 'on-time'],
      ['1002', 'on-time'],
      ['1003', 'pending'],
    ],
  );
  assert.equal(report.restarts?.length, 1);
  assert.deepEqual(report.restarts?.[0]?.deadlinesMissed, []);
});

test('deadlines run on in wall time: what fell due while the platform was down is reported as such', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const first = await client.next(ServerEvent.fileAvailable);
  const afters: (() => Promise<void>)[] = [];
  ctx.after(async () => {
    for (const fn of afters) await fn();
  });
  // Down for 25 s: 1001's deadline (+10 s) and the pushes of 1002 (+10 s) and 1003 (+20 s) fall in it.
  const r = await restartOnCopy(t, t.clock.now() + 25_000, (fn) => afters.push(fn));
  const again = await connected(r.platform.url, 't1');
  await again.next(ServerEvent.reconnectSuccess);
  // The overdue push goes at once on restart; the next one a push interval after it.
  assert.equal((await r.platform.report(1))?.files.length, 2);
  again.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: first.fileId,
    content: markedAnswer(first.content),
  });
  const ack = await again.next(ServerEvent.fileSendSuccess);
  assert.match(ack.message ?? '', /late by 15\.000 s/);
  r.clock.advance(FILE_MS);
  const report = (await r.platform.report(1)) as SessionReport;
  assert.equal(report.files.length, 3);
  const f1 = report.files[0];
  assert.equal(f1?.status, 'late');
  assert.equal(f1?.missedWhileDown, true);
  assert.equal(
    report.files[1]?.missedWhileDown,
    undefined,
    '1002 was pushed at the restart, its deadline is ahead',
  );
  assert.deepEqual(report.restarts?.[0]?.deadlinesMissed, ['1001']);
  assert.equal(report.restarts?.[0]?.at, new Date(r.clock.now() - FILE_MS).toISOString());
});

test('a session ended before the crash is not restored; its missing report is written; ids keep rising', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  client.emit(ClientEvent.clientAbort, { sessionId: 1 });
  await client.next(ServerEvent.clientAbortSuccess);
  // Once the report is written, drop it from the copy: a crash between the end and the report.
  const afters: (() => Promise<void>)[] = [];
  ctx.after(async () => {
    for (const fn of afters) await fn();
  });
  await t.platform.report(1);
  const dataDir = `${t.dataDir}-copy`;
  await cp(t.dataDir, dataDir, { recursive: true });
  await rm(join(dataDir, 'reports', '1.json'), { force: true });
  const platform = await startPlatform({
    dataDir,
    datasetDir: t.datasetDir,
    tokens: ['t1'],
    clock: new ManualClock(t.clock.now() + 5000),
  });
  afters.push(() => platform.close());
  const report = JSON.parse(await readFile(join(dataDir, 'reports', '1.json'), 'utf8')) as SessionReport;
  assert.equal(report.end?.type, 'client-abort');
  const again = await connected(platform.url, 't1');
  again.emit(ClientEvent.reconnect);
  assert.match((await again.next(ServerEvent.reconnectError)).message, /session 1 has ended \(client-abort/);
  again.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await again.next(ServerEvent.startSuccess), { sessionId: 2 });
});

test('a torn last journal line (a crash mid-append) is skipped; the rest of the session comes back', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  const afters: (() => Promise<void>)[] = [];
  ctx.after(async () => {
    for (const fn of afters) await fn();
  });
  const dataDir = `${t.dataDir}-torn`;
  await cp(t.dataDir, dataDir, { recursive: true });
  await writeFile(join(dataDir, 'sessions', '1.jsonl'), '{"t":"push","i":1,"fileId":"10', { flag: 'a' });
  const platform = await startPlatform({
    dataDir,
    datasetDir: t.datasetDir,
    tokens: ['t1'],
    clock: new ManualClock(t.clock.now() + 1000),
  });
  afters.push(() => platform.close());
  const report = await platform.report(1);
  assert.deepEqual(
    report?.files.map((f) => f.fileId),
    ['1001'],
  );
});
