import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { TOKEN, setup } from './support/env.js';
import type { TestEnv } from './support/env.js';
import { CliChild } from './support/cli.js';

/** 10 s per file × 0.05 = 500 ms: a session of 6 files lasts about 3 s, long enough to interrupt. */
const SCALE = 0.05;
const START_FLAGS = ['--count', '10', '--time', '10', '--dataset', 'train', '--lang', 'rus'];

function cli(env: TestEnv, args: string[]): CliChild {
  return new CliChild(['session', ...args], {
    cwd: env.dir,
    env: { TOKEN, HOST: env.host },
  });
}

async function assertAllAnswered(env: TestEnv, sessionId: number): Promise<void> {
  const report = await env.platform.report(sessionId);
  assert.ok(report, 'the platform has a report');
  assert.equal(report.files.length, env.ids.length);
  for (const file of report.files)
    assert.match(file.status, /^(on-time|late)$/, `${file.fileId}: ${file.status}`);
}

function sessionEnded(env: TestEnv): Promise<number> {
  return new Promise((resolve) => env.platform.once('session-ended', ({ sessionId }) => resolve(sessionId)));
}

test('Ctrl+C mid-session, then `session reconnect` in a new process answers every pushed file', async (t) => {
  const env = await setup(t, { count: 6, timeScale: SCALE, timeoutCloseSec: 600 });
  const ended = sessionEnded(env);
  const first = cli(env, ['start', ...START_FLAGS, '--markup', 'demo', '--time-scale', String(SCALE)]);
  t.after(() => first.kill('SIGKILL'));
  await first.waitFor(/file \d+ accepted/);
  first.kill('SIGINT');
  assert.equal(await first.exited, 130, first.output);
  assert.match(first.stdout, /`readable session reconnect` resumes it/);

  const second = cli(env, ['reconnect', '--markup', 'demo']);
  t.after(() => second.kill('SIGKILL'));
  assert.equal(await second.exited, 0, second.output);
  const sessionId = await ended;
  await assertAllAnswered(env, sessionId);
  // The summary is the whole session's, not only the second process's files.
  assert.match(second.stdout, new RegExp(`accepted\\s+${env.ids.length}\\b`), second.output);
  assert.match(second.stdout, /session \d+ resumed/);
});

test('a killed process leaves saved files without answers; `session reconnect` answers them and the rest', async (t) => {
  const env = await setup(t, { count: 4, timeScale: SCALE, timeoutCloseSec: 600 });
  const ended = sessionEnded(env);
  // Called only once the input is saved; says so, then never answers.
  await writeFile(
    join(env.dir, 'stuck.mjs'),
    'export default (essay) => { console.log(`stuck on ${essay.meta.id}`); return new Promise(() => {}); };\n',
  );
  const first = cli(env, [
    'start',
    ...START_FLAGS,
    '--markup',
    './stuck.mjs',
    '--on-markup-failure',
    'send-late',
    '--time-scale',
    String(SCALE),
  ]);
  t.after(() => first.kill('SIGKILL'));
  // Killed once two files are saved and in markup. (A kill between a push and its save, a few
  // milliseconds, would lose that file for good: the local platform counts it as delivered and
  // repeats only files never delivered, or the newest.)
  await first.waitFor(/stuck on \d+[^]*stuck on \d+/);
  first.kill('SIGKILL');
  await first.exited;
  const sessionDir = join(env.dir, 'files', 'sessions', '1');
  const saved = await readdir(join(sessionDir, 'input'));
  assert.ok(saved.length >= 2, `saved: ${saved.join(' ')}`);
  assert.deepEqual(await readdir(join(sessionDir, 'output')).catch(() => []), []);
  // What a writer killed mid-write leaves (a pid far above pid_max: no such process).
  const leftover = '.9999.json.99999999-0a1b2c3d.1.tmp';
  await writeFile(join(sessionDir, 'input', leftover), '{"tor');

  const second = cli(env, ['reconnect', '--markup', 'demo', '--durability', 'atomic']);
  t.after(() => second.kill('SIGKILL'));
  assert.equal(await second.exited, 0, second.output);
  await assertAllAnswered(env, await ended);
  assert.match(second.stdout, /taken up again from disk/);
  assert.ok(!(await readdir(join(sessionDir, 'input'))).includes(leftover), 'the resume swept the temp file');
  assert.match(second.stdout, new RegExp(`accepted\\s+${env.ids.length}\\b`), second.output);
});

test('`--durability` takes only the known levels', async (t) => {
  const env = await setup(t, { count: 1 });
  const child = cli(env, ['start', ...START_FLAGS, '--durability', 'none']);
  t.after(() => child.kill('SIGKILL'));
  assert.notEqual(await child.exited, 0);
  assert.match(child.stderr, /--durability <level>.*none.*atomic, fsync-input, fsync-all/s, child.output);
});
