import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { recorder } from '../support/events.js';
import { START, TIME_SCALE, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';

test('a malformed essay is saved raw, logged as failed, and the session goes on', async (t) => {
  // All three pushed at once; the unanswered one keeps the session open until timeout-close, which
  // comes when the test moves the clock, after both answers were accepted.
  const clock = new ManualClock();
  const env = await setup(t, {
    count: 3,
    malformed: ['800002'],
    timeoutCloseSec: 30,
    pushIntervalSec: 0,
    clock,
  });
  const session = makeSession(env, demo(), { clock });
  const saved: Array<{ fileId: string; malformed: boolean }> = [];
  session.on('file-saved', ({ fileId, malformed }) => saved.push({ fileId, malformed }));
  const accepted = recorder<string>('accepted answers');
  const failed = recorder<string>('failed files');
  session.on('file-accepted', ({ fileId }) => accepted.add(fileId));
  session.on('file-failed', ({ fileId }) => failed.add(fileId));
  await session.start(START);
  await Promise.all([accepted.count(2, session.done), failed.count(1, session.done)]);
  clock.advance(30 * 1000 * TIME_SCALE);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'timeout-close');
  assert.deepEqual(summary.accepted.sort(), ['800001', '800003']);
  assert.deepEqual(summary.failed, ['800002']);
  assert.match(summary.reasons['800002'] ?? '', /malformed: .*meta/);
  assert.deepEqual(
    saved.find((s) => s.fileId === '800002'),
    { fileId: '800002', malformed: true },
  );
  const input = join(summary.dir ?? '', 'input');
  assert.deepEqual((await readdir(input)).sort(), ['800001.json', '800002.raw.json', '800003.json']);
  const raw = JSON.parse(await readFile(join(input, '800002.raw.json'), 'utf8'));
  assert.equal(raw.note, 'no meta: not an essay');
});
