import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliChild } from './support/cli.js';

test('`session start` with no TOKEN runs a whole demo session and prints the local platform report', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'readable-demo-'));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  // 10 files × 10 s × 0.02: a couple of seconds.
  const child = new CliChild(['session', 'start', '--time-scale', '0.02'], { cwd });
  t.after(() => child.kill('SIGKILL'));
  assert.equal(await child.exited, 0, child.output);

  const totals =
    /Local platform report for session 1 \(finish\): (\d+) on time, (\d+) late, (\d+) missing of (\d+) pushed/.exec(
      child.stdout,
    );
  assert.ok(totals, child.output);
  const [onTime, late, missing, pushed] = totals.slice(1).map(Number);
  assert.equal(missing, 0);
  assert.equal((onTime ?? 0) + (late ?? 0), pushed);
  assert.match(
    child.stdout,
    /Demo markup against the experts: mean MTotal [\d.]+, mean STAR [\d.]+, mean OTAR [\d.]+ over \d+ scored answer\(s\)/,
  );
  const path = /Report: (.+\.json)/.exec(child.stdout)?.[1];
  assert.ok(path);
  const report = JSON.parse(await readFile(path, 'utf8')) as { files: { score?: { STAR?: unknown } }[] };
  assert.ok(
    report.files.every((f) => f.score !== undefined),
    'every answer is scored against the experts',
  );

  // The console's progress lines and the summary are in the info log too.
  const logs = await readdir(join(cwd, 'logs'));
  const info = logs.find((n) => n.startsWith('info_'));
  assert.ok(info, logs.join(' '));
  const text = await readFile(join(cwd, 'logs', info), 'utf8');
  assert.match(text, /Session 1 ended: finish/);
  assert.ok(logs.some((n) => n.startsWith('sessions_')));
});
