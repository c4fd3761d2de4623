import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliChild } from '../support/cli.js';

test('Ctrl+C mid-session stops cleanly and leaves every received file on disk', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'readable-cli-'));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  // 10 s per file × 0.5: the session is far from over when the first file has been received.
  const child = new CliChild(['session', 'start', '--time-scale', '0.5'], { cwd });
  t.after(() => child.stop());
  await child.waitFor(/file \d+ accepted/);
  assert.match(
    child.stdout,
    /No TOKEN configured: running against the built-in local platform at http:\/\/127\.0\.0\.1:\d+ \(demo dataset, demo markup\)/,
  );
  child.kill('SIGINT');
  assert.equal(await child.exited, 130, child.output);
  assert.match(child.stdout, /Stopping: finishing in-flight files/);
  assert.match(child.stdout, /Session 1 ended: stopped/);
  const inputs = await readdir(join(cwd, 'files', 'sessions', '1', 'input'));
  assert.ok(inputs.length >= 1);
  const received = [...child.stdout.matchAll(/file (\d+) received/g)].map((m) => `${m[1]}.json`);
  for (const name of received) assert.ok(inputs.includes(name), `${name} missing from input/`);
  // The built-in platform aborts the open session on the way out and reports on it.
  assert.match(
    child.stdout,
    /Local platform report for session 1 \(server-abort\): \d+ on time, \d+ late, \d+ missing of \d+ pushed/,
  );
  assert.match(
    child.stdout,
    /Demo markup against the experts: mean MTotal [\d.]+, mean STAR [\d.]+, mean OTAR [\d.]+/,
  );
  assert.match(child.stdout, /Report: .*local-platform[\\/]reports[\\/]1\.json/);
});
