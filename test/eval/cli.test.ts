import { test } from 'node:test';
import { CommanderError } from 'commander';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerEval } from '../../src/cli/commands/eval/index.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { inProcess } from '../support/cli.js';

const MARK_PY = join(import.meta.dirname, 'mark.py');
const run = (args: string[]) => inProcess((group, io) => registerEval(group, io), ['eval', ...args]);

test('readable eval prints the tables and saves a run; eval compare prints the deltas', async (t) => {
  const runs = await mkdtemp(join(tmpdir(), 'readable-eval-cli-'));
  t.after(() => rm(runs, { recursive: true, force: true }));
  const demo = await run(['--runs', runs, '--subjects', 'rus,social', '--name', 'demo-run']);
  assert.equal(demo.error, undefined, demo.stderr);
  assert.match(demo.stdout, /^run .*-demo-run$/m);
  assert.match(demo.stdout, /8 selected: 8 scored, 0 failed/);
  assert.match(demo.stdout, /^all\s+8\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+$/m);
  assert.match(demo.stdout, /criteria, our K against each expert's:/);
  assert.match(demo.stdout, /markup types, from the PSR matching/);
  assert.match(demo.stdout, /worst essays:/);
  const runA = /^run (.*)$/m.exec(demo.stdout)![1]!;

  const cmd = await run([
    '--runs',
    runs,
    '--subjects',
    'rus,social',
    '--markup-command',
    `python3 ${MARK_PY}`,
    '--json',
    '--deadline',
    '30',
  ]);
  assert.equal(cmd.error, undefined, cmd.stderr);
  const { dir: runB, summary } = JSON.parse(cmd.stdout) as {
    dir: string;
    summary: { markup: { mode: string }; deadlineSec: number };
  };
  assert.equal(summary.markup.mode, 'command');
  assert.equal(summary.deadlineSec, 30);

  const compare = await run(['compare', runA, runB]);
  assert.equal(compare.error, undefined, compare.stderr);
  assert.match(compare.stdout, /^overall:/m);
  assert.match(compare.stdout, /all STAR\s+[\d.]+\s+[\d.]+\s+[-+][\d.]+/);
  assert.match(compare.stdout, /per criterion \(changed only\):/);
});

test('readable eval: bad flags and a bad run folder give precise errors', async () => {
  const subjects = await run(['--subjects', 'math']);
  assert.ok(subjects.error instanceof ExitError && subjects.error.code === 2);
  assert.match(
    subjects.error.message,
    /--subjects: math not in the dataset \(it has eng, eng-free, hist, lit, rus, rus-free, social\)/,
  );
  // Numeric flags are commander's usage errors (exit code 2 in cli/index.ts), naming flag and value.
  const jobs = await run(['--jobs', '0']);
  assert.ok(jobs.error instanceof CommanderError && jobs.error.code === 'commander.invalidArgument');
  assert.match(
    jobs.error.message,
    /option '--jobs <n>' argument '0' is invalid\. Expected a positive integer\./,
  );
  const missing = await run(['compare', '/nonexistent/a', '/nonexistent/b']);
  assert.ok(missing.error instanceof ExitError && missing.error.code === 1);
  assert.match(missing.error.message, /\/nonexistent\/a: not a run folder/);
});
