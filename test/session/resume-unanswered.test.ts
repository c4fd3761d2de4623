import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionSummary } from '../../src/session/index.js';
import { START, makeSession, setup } from './support/env.js';
import { demo, gated } from './support/markups.js';

test('a resume takes up files saved after Ctrl+C and files missed while away, and the summary covers the whole session', async (t) => {
  // 10 s per file × 0.01 = 100 ms; the platform waits 10 s after the last push before a timeout-close.
  const env = await setup(t, { count: 4, timeoutCloseSec: 1000 });
  const answers = new Map<string, string[]>();
  env.platform.on('file-answered', ({ fileId, status }) =>
    answers.set(fileId, [...(answers.get(fileId) ?? []), status]),
  );
  const lastPush = new Promise<void>((resolve) =>
    env.platform.on('file-pushed', ({ index }) => index === env.ids.length - 1 && resolve()),
  );

  // First process: Ctrl+C as the first file arrives, while its markup is held.
  const gate = gated();
  const first = makeSession(env, gate.markup);
  const savedAfterStop = new Promise<string>((resolve) =>
    first.on('file-failed', ({ fileId, stage }) => stage === 'stopped' && resolve(fileId)),
  );
  first.once('file-received', () => void first.stop());
  const sessionId = await first.start(START);
  const stoppedFile = await savedAfterStop;
  gate.release();
  const firstSummary = await first.done;
  assert.equal(firstSummary.end.reason, 'stopped');
  assert.ok(firstSummary.received.includes(stoppedFile));
  assert.ok(!firstSummary.sent.includes(stoppedFile));
  await lastPush;

  // Second process: only what current.json says.
  const current = JSON.parse(await readFile(join(env.filesDir, 'sessions', 'current.json'), 'utf8'));
  const second = makeSession(env, demo(), { sessionId: current.sessionId, fileTimeSec: current.fileTimeSec });
  const resumed: string[] = [];
  second.on('file-received', ({ fileId, resumed: fromDisk }) => fromDisk && resumed.push(fileId));
  assert.equal(await second.reconnect(), sessionId);
  const summary = await second.done;

  assert.equal(summary.end.reason, 'finish');
  // Files pushed before the first process got to disconnect (a slow disk under load can take
  // longer than a push interval to flush the stopped file) were saved after the stop too: all of
  // those, and only those, are taken up from disk.
  const savedUnanswered = firstSummary.received.filter((id) => !firstSummary.sent.includes(id));
  assert.ok(savedUnanswered.includes(stoppedFile));
  assert.deepEqual([...resumed].sort(), [...savedUnanswered].sort());
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.deepEqual([...summary.received].sort(), env.ids);
  assert.equal(summary.runs, 2);
  assert.ok(summary.late.includes(stoppedFile), 'its deadline had passed: it counts as late');
  assert.deepEqual(summary.failed, [], 'the stopped file was answered after all');

  const report = await env.platform.report(Number(sessionId));
  for (const file of report?.files ?? []) assert.match(file.status, /^(on-time|late)$/, file.fileId);
  assert.equal(report?.files.length, env.ids.length);
  // Answers accepted by the first process are not sent again.
  for (const fileId of firstSummary.accepted) assert.equal(answers.get(fileId)?.length, 1, fileId);

  const onDisk = JSON.parse(
    await readFile(join(summary.dir ?? '', 'summary.json'), 'utf8'),
  ) as SessionSummary;
  assert.deepEqual([...onDisk.accepted].sort(), env.ids);
  assert.equal(onDisk.startedAt, firstSummary.startedAt);
});

test('a resume sends what an earlier process saved but never answered (its markup hung)', async (t) => {
  const env = await setup(t, { count: 3, timeoutCloseSec: 1000 });
  const lastPush = new Promise<void>((resolve) =>
    env.platform.on('file-pushed', ({ index }) => index === env.ids.length - 1 && resolve()),
  );
  // The first process's markup never answers: its files are saved, nothing is sent.
  const first = makeSession(
    env,
    { name: 'stuck', markup: () => new Promise(() => undefined) },
    {
      onMarkupFailure: 'send-late',
    },
  );
  const saved = new Promise<void>((resolve) => first.once('file-saved', () => resolve()));
  const sessionId = await first.start(START);
  await saved;
  await lastPush;
  await first.stop();

  const second = makeSession(env, demo(), { sessionId, fileTimeSec: 10 });
  await second.reconnect();
  const summary = await second.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  const report = await env.platform.report(Number(sessionId));
  assert.deepEqual(
    report?.files.map((f) => f.status).filter((s) => s !== 'on-time' && s !== 'late'),
    [],
  );
});

test('a resume does not answer again a file an earlier process got accepted, even when the platform repeats it', async (t) => {
  const env = await setup(t, { count: 2, timeoutCloseSec: 1000 });
  const answers = new Map<string, number>();
  env.platform.on('file-answered', ({ fileId }) => answers.set(fileId, (answers.get(fileId) ?? 0) + 1));
  const repeated: string[] = [];
  // 60 s × 0.01 = 600 ms per file: the stop and the resume both happen before the second push.
  const first = makeSession(env, demo());
  first.once('file-accepted', () => void first.stop());
  const sessionId = await first.start({ ...START, time: 60 });
  const stopped = await first.done;
  assert.deepEqual(stopped.accepted, [env.ids[0]]);

  const second = makeSession(env, demo(), { sessionId, fileTimeSec: 60 });
  second.on('file-received', ({ fileId }) => repeated.push(fileId));
  await second.reconnect();
  const summary = await second.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.ok(!repeated.includes(env.ids[0]!), `taken up again: ${repeated.join(' ')}`);
  assert.equal(answers.get(env.ids[0]!), 1);
});
