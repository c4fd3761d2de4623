// docs/chaos.md §4: a client killed between `session-start-success` and the write of current.json left
// no current.json, and `readable session reconnect` gave up although the platform held the session.
// Now it asks the platform (`session-reconnect`) which session the token has, and takes it up.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { START, makeSession, runSessionIn, setup } from './support/env.js';
import { demo } from './support/markups.js';

test("`session reconnect` without current.json takes up the token's active session from the platform", async (t) => {
  const env = await setup(t, { count: 3, timeoutCloseSec: 1000 });
  // 60 s × 0.01 = 600 ms per file: the stop usually comes before the second push (either way works).
  const first = makeSession(env, demo());
  const accepted = new Promise<void>((resolve) => first.once('file-accepted', () => resolve()));
  const sessionId = await first.start({ ...START, time: 60 });
  await accepted;
  assert.equal((await first.stop()).end.reason, 'stopped');
  const currentPath = join(env.filesDir, 'sessions', 'current.json');
  await rm(currentPath);

  const result = await runSessionIn(env, { command: 'reconnect' });
  assert.match(
    result.stderr,
    /current\.json is missing: asking the platform for this token's active session/,
  );
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  assert.equal(result.summary?.sessionId, sessionId);
  assert.deepEqual([...(result.summary?.accepted ?? [])].sort(), env.ids);
  assert.equal(result.summary?.runs, 2, JSON.stringify(result.summary));
  const current = JSON.parse(await readFile(currentPath, 'utf8')) as { sessionId: unknown };
  assert.equal(current.sessionId, sessionId);
});

test('`session repeat` without current.json still says there is nothing to repeat', async (t) => {
  const env = await setup(t);
  await assert.rejects(
    runSessionIn(env, { command: 'repeat' }),
    /no session to resume: .*current\.json is missing/,
  );
});
