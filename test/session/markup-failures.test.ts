// What the session does when the markup fails, throws, hangs or is slow. Deadlines are the
// protocol's own (60 s per file, time scale 1) on a ManualClock shared by the platform and the
// session: the test moves time itself, after the event that shows the session is where it should
// be, so "on time" and "late" never depend on how busy the machine is.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { Essay } from '../../src/essay/index.js';
import type { Markup } from '../../src/markup/index.js';
import type { MarkupFailurePolicy } from '../../src/session/index.js';
import { recorder } from '../support/events.js';
import { START, makeSession, setup } from './support/env.js';
import { garbage, hanging, notAnEssay, throwing } from './support/markups.js';

/** The protocol's 60 s per file, unscaled: the platform pushes every 60 s, each file due 60 s after its push. */
const FILE_MS = 60_000;
/** The session's default safety margin: the markup is cut 10 % of the file time before the deadline. */
const CUTOFF_MS = FILE_MS * 0.9;
const TIMEOUT_CLOSE_SEC = 120;

/** Counts the markup's calls, so a test can wait until the session is marking the n-th file. */
function counted(markup: Markup) {
  const calls = recorder<{ fileId: string; signal: AbortSignal | undefined }>('markup calls');
  return {
    calls,
    markup: {
      name: markup.name,
      markup: (essay, context) => {
        calls.add({ fileId: context.fileId, signal: context.signal });
        return markup.markup(essay, context);
      },
    } satisfies Markup,
  };
}

async function start(
  t: Parameters<typeof setup>[0],
  markup: Markup,
  policy?: MarkupFailurePolicy,
  clock = new ManualClock(),
) {
  const env = await setup(t, { count: 2, timeoutCloseSec: TIMEOUT_CLOSE_SEC, timeScale: 1, clock });
  const answered = recorder<{ fileId: string; status: string }>('answers at the platform');
  env.platform.on('file-answered', ({ fileId, status }) => answered.add({ fileId, status }));
  const wrapped = counted(markup);
  const session = makeSession(env, wrapped.markup, {
    clock,
    timeScale: 1,
    ...(policy ? { onMarkupFailure: policy } : {}),
  });
  const accepted = recorder<string>('accepted answers');
  const failed = recorder<string>('failed files');
  session.on('file-accepted', ({ fileId }) => accepted.add(fileId));
  session.on('file-failed', ({ fileId }) => failed.add(fileId));
  await session.start({ ...START, time: FILE_MS / 1000 });
  return { env, clock, session, answered, accepted, failed, calls: wrapped.calls };
}

for (const [what, markup] of [
  ['throws', throwing],
  ['returns something that is not an essay', notAnEssay],
  ['returns a selection past the end of the text', garbage],
] as const) {
  test(`a markup that ${what} gets the essay sent unmarked at once, and the session goes on`, async (t) => {
    const { env, clock, session, answered, accepted } = await start(t, markup());
    // Sent at once: accepted with no time passing at all.
    await accepted.count(1, session.done);
    clock.advance(FILE_MS); // the second push
    await accepted.count(2, session.done);
    const summary = await session.done;
    assert.equal(summary.end.reason, 'finish');
    assert.deepEqual(summary.accepted.sort(), env.ids);
    assert.deepEqual(summary.unmarked.sort(), env.ids);
    assert.deepEqual(
      answered.seen.map((a) => a.status),
      ['on-time', 'on-time'],
    );
    const sent = Essay.fromJSON(
      await readFile(join(summary.dir ?? '', 'output', `${env.ids[0]}.json`), 'utf8'),
    );
    assert.equal(sent.selections.length, 0);
  });
}

test('a markup that hangs is cut at the safety margin and the unmarked essay arrives on time', async (t) => {
  const { env, clock, session, answered, accepted, calls } = await start(t, hanging());
  for (const n of [1, 2]) {
    const { signal } = (await calls.count(n, session.done))[n - 1]!;
    clock.advance(CUTOFF_MS - 1);
    assert.equal(signal?.aborted, false, 'cut before the safety margin');
    clock.advance(1); // the cutoff: 6 s before the deadline
    assert.equal(signal?.aborted, true, 'not cut at the safety margin');
    await accepted.count(n, session.done);
    if (n === 1) clock.advance(FILE_MS - CUTOFF_MS); // the second push
  }
  const summary = await session.done;
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(summary.unmarked.sort(), env.ids);
  assert.deepEqual(summary.late, []);
  assert.deepEqual(
    answered.seen.map((a) => a.status),
    ['on-time', 'on-time'],
  );
  assert.match(summary.reasons[env.ids[0]!] ?? '', /deadline/);
});

test('with the skip policy a failing markup sends nothing and the files are reported as failed', async (t) => {
  const { env, clock, session, answered, failed } = await start(t, throwing(), 'skip');
  await failed.count(1, session.done);
  clock.advance(FILE_MS); // the second push
  await failed.count(2, session.done);
  clock.advance(TIMEOUT_CLOSE_SEC * 1000); // nothing came: the platform closes the session
  const summary = await session.done;
  assert.equal(summary.end.reason, 'timeout-close');
  assert.deepEqual(summary.sent, []);
  assert.deepEqual(answered.seen, []);
  assert.deepEqual(summary.failed.sort(), env.ids);
  assert.match(summary.reasons[env.ids[0]!] ?? '', /model crashed/);
});

test('with the send-late policy a slow markup is waited for and its answer is sent late', async (t) => {
  const clock = new ManualClock();
  // This markup answers 50 ms after the deadline it is given, on the test's clock.
  const slow: Markup = {
    name: 'slow',
    markup: (essay, { deadline }) =>
      new Promise((resolve) => clock.setTimeout(() => resolve(essay), deadline - clock.now() + 50)),
  };
  const { env, session, answered, accepted, calls } = await start(t, slow, 'send-late', clock);
  await calls.count(1, session.done);
  // Past the deadline nothing cuts the markup: the second push comes, then the first answer, late.
  clock.advance(FILE_MS + 50);
  await accepted.count(1, session.done);
  await calls.count(2, session.done);
  clock.advance(FILE_MS + 50);
  await accepted.count(2, session.done);
  const summary = await session.done;
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(summary.late.sort(), env.ids);
  assert.deepEqual(summary.unmarked, []);
  assert.deepEqual(
    answered.seen.map((a) => a.status),
    ['late', 'late'],
  );
});
