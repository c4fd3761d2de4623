import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/index.js';
import { runSession } from '../../src/cli/commands/session/run-session.js';
import { SessionError } from '../../src/session/index.js';
import { START, TIME_SCALE, fastReconnect, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';

const WRONG = 'wrong-token-zyxwvutsrq987654';

test('a rejected token stops the session at once with an auth error that does not show the token', async (t) => {
  const env = await setup(t);
  const session = makeSession(env, demo(), { token: WRONG });
  const error = await session.start(START).then(
    () => assert.fail('start should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SessionError);
  assert.equal(error.kind, 'auth');
  assert.match(error.message, /rejected the token/);
  assert.doesNotMatch(error.message, new RegExp(WRONG));
  const summary = await session.done;
  assert.equal(summary.end.reason, 'auth-error');
});

test('runSession reports an auth error with a non-zero exit code and no token in the output', async (t) => {
  const env = await setup(t);
  const config = loadConfig({
    cwd: env.dir,
    env: { FILES_DIR: env.filesDir, LOGS_DIR: join(env.dir, 'logs') },
  });
  let out = '';
  const stream = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const result = await runSession(
    config,
    {
      command: 'start',
      start: START,
      host: env.host,
      token: WRONG,
      timeScale: TIME_SCALE,
      markup: 'demo',
      reconnect: fastReconnect(),
    },
    { stdout: stream, stderr: stream },
  );
  assert.equal(result.exitCode, 1);
  assert.match(out, /error: the platform rejected the token/);
  assert.doesNotMatch(out, new RegExp(WRONG));
});
