import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

test('Ctrl+C mid-session stops cleanly and leaves every received file on disk', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'readable-cli-'));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  const env = { ...process.env };
  for (const name of [
    'TOKEN',
    'HOST',
    'FILES_DIR',
    'LOGS_DIR',
    'MARKUP',
    'MARKUP_COMMAND',
    'SESSION_IS_ONLY_SAVE_FILES',
    'CHECK_DIRECTORY_ANSWER',
  ]) {
    delete env[name];
  }
  // 10 s per file × 0.5: the session is far from over when the first file has been received.
  const child = spawn(
    process.execPath,
    ['--import', TSX, join(ROOT, 'src/cli/index.ts'), 'session', 'start', '--time-scale', '0.5'],
    {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await new Promise<void>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/file \d+ accepted/.test(stdout)) res();
    });
    child.on('exit', () => rej(new Error(`exited early:\n${stdout}\n${stderr}`)));
  });
  assert.match(
    stdout,
    /No TOKEN configured: running against the built-in local platform at http:\/\/127\.0\.0\.1:\d+ \(demo dataset, demo markup\)/,
  );
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, `${stdout}\n${stderr}`);
  assert.match(stdout, /Stopping: finishing in-flight files/);
  assert.match(stdout, /Session 1 ended: stopped/);
  const inputs = await readdir(join(cwd, 'files', 'sessions', '1', 'input'));
  assert.ok(inputs.length >= 1);
  const received = [...stdout.matchAll(/file (\d+) received/g)].map((m) => `${m[1]}.json`);
  for (const name of received) assert.ok(inputs.includes(name), `${name} missing from input/`);
  // The built-in platform aborts the open session on the way out and reports on it.
  assert.match(
    stdout,
    /Local platform report for session 1 \(server-abort\): \d+ on time, \d+ late, \d+ missing of \d+ pushed/,
  );
  assert.match(
    stdout,
    /Demo markup against the experts: mean MTotal [\d.]+, mean STAR [\d.]+, mean OTAR [\d.]+/,
  );
  assert.match(stdout, /Report: .*local-platform[\\/]reports[\\/]1\.json/);
});
