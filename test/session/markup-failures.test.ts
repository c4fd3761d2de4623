import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Essay } from '../../src/essay/index.js';
import type { Markup } from '../../src/markup/index.js';
import type { MarkupFailurePolicy } from '../../src/session/index.js';
import { START, makeSession, setup } from './support/env.js';
import { garbage, hanging, notAnEssay, throwing } from './support/markups.js';

async function run(t: Parameters<typeof setup>[0], markup: Markup, policy?: MarkupFailurePolicy) {
  // 60 s × 0.02 = 1.2 s per file and a wide margin (half of it) keep "on time" true on a machine
  // busy with the CLI tests' child processes.
  const timeScale = 0.02;
  const env = await setup(t, { count: 2, timeoutCloseSec: 120, timeScale });
  const statuses: string[] = [];
  env.platform.on('file-answered', (a) => statuses.push(a.status));
  const session = makeSession(env, markup, {
    timeScale,
    safetyMargin: { ratio: 0.5 },
    ...(policy ? { onMarkupFailure: policy } : {}),
  });
  await session.start({ ...START, time: 60 });
  const summary = await session.done;
  return { env, summary, statuses };
}

for (const [what, markup] of [
  ['throws', throwing],
  ['returns something that is not an essay', notAnEssay],
  ['returns a selection past the end of the text', garbage],
] as const) {
  test(`a markup that ${what} gets the essay sent unmarked at once, and the session goes on`, async (t) => {
    const { env, summary, statuses } = await run(t, markup());
    assert.equal(summary.end.reason, 'finish');
    assert.deepEqual(summary.accepted.sort(), env.ids);
    assert.deepEqual(summary.unmarked.sort(), env.ids);
    assert.deepEqual(statuses, ['on-time', 'on-time']);
    const sent = Essay.fromJSON(
      await readFile(join(summary.dir ?? '', 'output', `${env.ids[0]}.json`), 'utf8'),
    );
    assert.equal(sent.selections.length, 0);
  });
}

test('a markup that hangs is aborted before the deadline and the unmarked essay arrives on time', async (t) => {
  const { env, summary, statuses } = await run(t, hanging());
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(summary.unmarked.sort(), env.ids);
  assert.deepEqual(summary.late, []);
  assert.deepEqual(statuses, ['on-time', 'on-time']);
  assert.match(summary.reasons[env.ids[0]!] ?? '', /deadline/);
});

test('with the skip policy a failing markup sends nothing and the files are reported as failed', async (t) => {
  const { env, summary } = await run(t, throwing(), 'skip');
  assert.equal(summary.end.reason, 'timeout-close');
  assert.deepEqual(summary.sent, []);
  assert.deepEqual(summary.failed.sort(), env.ids);
  assert.match(summary.reasons[env.ids[0]!] ?? '', /model crashed/);
});

test('with the send-late policy a slow markup is waited for and its answer is sent late', async (t) => {
  // This markup answers 50 ms after its deadline.
  const slow: Markup = {
    name: 'slow',
    markup: (essay, { deadline }) =>
      new Promise((resolve) => setTimeout(() => resolve(essay), Math.max(0, deadline - Date.now()) + 50)),
  };
  const { env, summary, statuses } = await run(t, slow, 'send-late');
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(summary.late.sort(), env.ids);
  assert.deepEqual(summary.unmarked, []);
  assert.ok(
    statuses.every((s) => s === 'late'),
    statuses.join(),
  );
});
