import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/index.js';
import { runSession } from '../../src/cli/commands/session/run-session.js';
import type { RunSessionOptions } from '../../src/cli/commands/session/run-session.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import type { TestEnv } from './support/env.js';
import { demo } from './support/markups.js';

function run(env: TestEnv, command: RunSessionOptions['command']) {
  const config = loadConfig({
    cwd: env.dir,
    env: { FILES_DIR: env.filesDir, LOGS_DIR: join(env.dir, 'logs') },
  });
  let out = '';
  const stream = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  return runSession(
    config,
    { command, host: env.host, token: TOKEN, markup: 'demo', local: true, reconnect: fastReconnect() },
    { stdout: stream, stderr: stream },
  ).then((r) => ({ ...r, out }));
}

test('a session stopped locally is resumed by `reconnect` from current.json and finishes with every file', async (t) => {
  const env = await setup(t, { count: 4 });
  // 60 s × 0.01 = 600 ms per file: the stop lands between pushes.
  const first = makeSession(env, demo());
  first.once('file-accepted', () => void first.stop());
  await first.start({ ...START, time: 60 });
  const stopped = await first.done;
  assert.equal(stopped.end.reason, 'stopped');
  assert.ok(stopped.accepted.length >= 1);

  const resumed = await run(env, 'reconnect');
  assert.equal(resumed.exitCode, 0, resumed.out);
  assert.equal(resumed.summary?.end.reason, 'finish');
  const all = new Set([...stopped.accepted, ...(resumed.summary?.accepted ?? [])]);
  assert.deepEqual([...all].sort(), env.ids);
  assert.equal(resumed.summary?.sessionId, stopped.sessionId);
});

test('`abort` ends the active session on the platform', async (t) => {
  const env = await setup(t, { count: 4 });
  const ended = new Promise<string>((resolve) =>
    env.platform.once('session-ended', ({ type }) => resolve(type)),
  );
  const first = makeSession(env, demo());
  first.once('file-accepted', () => void first.stop());
  await first.start({ ...START, time: 60 });
  await first.done;
  const aborted = await run(env, 'abort');
  assert.equal(aborted.exitCode, 0, aborted.out);
  assert.equal(aborted.summary?.end.reason, 'client-abort');
  assert.equal(await ended, 'client-abort');
});

test('`repeat` asks for the current file once, processes it, and exits', async (t) => {
  const env = await setup(t, { count: 4 });
  const first = makeSession(
    env,
    { name: 'never-answers', markup: () => new Promise(() => undefined) },
    { onMarkupFailure: 'send-late' },
  );
  first.once('file-received', () => void first.stop());
  await first.start({ ...START, time: 60 });
  await first.done;
  const repeated = await run(env, 'repeat');
  // The repeated file; on a loaded machine the platform's next push may arrive meanwhile too.
  const received = repeated.summary?.received ?? [];
  assert.ok(received.length >= 1, repeated.out);
  assert.deepEqual(repeated.summary?.accepted, received, repeated.out);
  assert.equal(repeated.exitCode, 0);
});
