import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent, startPlatform } from '../../src/platform/index.js';
import type { ScoreAnswerHook, ScoreSessionHook, SessionReport } from '../../src/platform/index.js';
import {
  START_ALGO,
  connected,
  essayObject,
  markedAnswer,
  platformEvent,
  startTestPlatform,
} from './helpers.js';
import type { TestPlatform } from './helpers.js';

const T0 = Date.UTC(2025, 0, 1);
const at = (ms: number) => new Date(T0 + ms).toISOString();

/**
File 1001 on time, 1002 late, 1003 only invalid, 1004 invalid then on time, the rest missing;
then the session times out.
*/
async function mixedSession(t: TestPlatform): Promise<SessionReport> {
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const answer = (id: string) => markedAnswer(essayObject({ id }));
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1001', content: answer('1001') });
  await client.next(ServerEvent.fileSendSuccess);
  t.clock.advance(10_000); // 1002 pushed
  t.clock.advance(15_000); // 1003 pushed at 20 s; now 25 s
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1002', content: answer('1002') });
  await client.next(ServerEvent.fileSendSuccess);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1003', content: '{"broken"' });
  await client.next(ServerEvent.fileSendError);
  t.clock.advance(5_000); // 1004 pushed at 30 s
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1004', content: { meta: {}, text: 1 } });
  await client.next(ServerEvent.fileSendError);
  t.clock.advance(1_000);
  client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: '1004', content: answer('1004') });
  await client.next(ServerEvent.fileSendSuccess);
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  t.clock.advance(400_000);
  const { report } = await ended;
  client.close();
  return report;
}

test('the report lists every pushed file with its times and status, and the totals', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const report = await mixedSession(t);
  const base = { subject: 'rus', lang: 'rus', delivered: true };
  const file = (i: number, rest: object) => ({
    fileId: String(1001 + i),
    index: i,
    ...base,
    pushedAt: at(i * 10_000),
    deadline: at((i + 1) * 10_000),
    ...rest,
  });
  const broken = (report.files[2]?.reason ?? '') as string;
  assert.match(broken, /^content is not valid JSON: /);
  assert.deepEqual(report, {
    sessionId: 1,
    tokenHash: t.platform.tokenHash('t1'),
    type: 'algorithmic',
    params: { dsType: 'train', lang: 'rus', countFiles: 10, time: 10 },
    fileTimeSec: 10,
    timeScale: 1,
    startedAt: at(0),
    endedAt: at(90_000 + 300_000),
    end: { type: 'timeout-close' },
    files: [
      file(0, { answeredAt: at(0), status: 'on-time', answers: 1, rejected: 0 }),
      file(1, { answeredAt: at(25_000), status: 'late', answers: 1, rejected: 0 }),
      file(2, { answeredAt: null, status: 'invalid', reason: broken, answers: 0, rejected: 1 }),
      file(3, { answeredAt: at(31_000), status: 'on-time', answers: 1, rejected: 1 }),
      ...[4, 5, 6, 7, 8, 9].map((i) =>
        file(i, { answeredAt: null, status: 'missing', answers: 0, rejected: 0 }),
      ),
    ],
    totals: { planned: 10, pushed: 10, onTime: 2, late: 1, missing: 6, invalid: 1, pending: 0 },
  });
  const onDisk = JSON.parse(await readFile(join(t.dataDir, 'reports', '1.json'), 'utf8')) as unknown;
  assert.deepEqual(onDisk, report);
  assert.deepEqual(await t.platform.report(1), report);
});

test('a running session’s report is a snapshot with pending files and no end', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  t.clock.advance(10_000);
  const snapshot = await t.platform.report(1);
  assert.equal(snapshot?.end, null);
  assert.equal(snapshot?.endedAt, null);
  assert.deepEqual(
    snapshot?.files.map((f) => f.status),
    ['missing', 'pending'],
  );
  assert.equal(await t.platform.report(42), undefined);
});

test('scoring hooks plug in: per-file score for counted answers and a session score', async (ctx) => {
  const seen: unknown[] = [];
  const scoreAnswer: ScoreAnswerHook = (answer, experts, file) => {
    seen.push(file);
    return { selections: (answer.selections as unknown[]).length, experts: experts.length };
  };
  const scoreSession: ScoreSessionHook = (files, totals) => ({
    scored: files.filter((f) => f.score !== undefined).length,
    pushed: totals.pushed,
  });
  const t = await startTestPlatform({ scoreAnswer, scoreSession });
  ctx.after(() => t.cleanup());
  const report = await mixedSession(t);
  assert.deepEqual(
    report.files.map((f) => f.score),
    [
      { selections: 1, experts: 2 },
      { selections: 1, experts: 2 },
      undefined,
      { selections: 1, experts: 2 },
      ...Array(6).fill(undefined),
    ],
  );
  assert.deepEqual(report.score, { scored: 3, pushed: 10 });
  assert.deepEqual(seen, [
    { fileId: '1001', subject: 'rus', lang: 'rus' },
    { fileId: '1002', subject: 'rus', lang: 'rus' },
    { fileId: '1004', subject: 'rus', lang: 'rus' },
  ]);
});

test('a failing scorer is recorded and the report is still written', async (ctx) => {
  const t = await startTestPlatform({
    scoreAnswer: () => {
      throw new Error('scorer broke');
    },
    scoreSession: async () => Promise.reject(new Error('session scorer broke')),
  });
  ctx.after(() => t.cleanup());
  const report = await mixedSession(t);
  assert.equal(report.files[0]?.scoreError, 'scorer broke');
  assert.equal(report.scoreError, 'session scorer broke');
  await readFile(join(t.dataDir, 'reports', '1.json'), 'utf8');
});

test('a restarted platform reads old reports from disk and never reuses a session id', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const report = await mixedSession(t);
  await t.platform.close();
  const again = await startPlatform({ dataDir: t.dataDir, datasetDir: t.datasetDir, tokens: ['t1'] });
  ctx.after(() => again.close());
  assert.deepEqual(await again.report(1), report);
  const client = await connected(again.url, 't1');
  ctx.after(() => client.close());
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 2 });
});

test('a platform listener that throws does not stop the session from ending or its report', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  t.platform.on(PlatformEvent.sessionEnded, () => {
    throw new Error('listener bug');
  });
  const report = await mixedSession(t);
  assert.equal(report.end?.type, 'timeout-close');
  await readFile(join(t.dataDir, 'reports', '1.json'), 'utf8');
});
