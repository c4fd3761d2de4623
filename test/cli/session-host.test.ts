import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../support/cli.js';

test('session start --host is checked like HOST and never echoes the token in it', async () => {
  const run = await cli(['session', 'start', '--host', 'http://127.0.0.1:1/pku?token=SECRETSECRET123'], {
    env: { TOKEN: 'SECRETSECRET123' },
  });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /HOST: "http:\/\/127\.0\.0\.1:1\/pku\?token=\*\*\*\*T123" has a query/);
  assert.doesNotMatch(run.stdout + run.stderr, /SECRETSECRET123/);
});
