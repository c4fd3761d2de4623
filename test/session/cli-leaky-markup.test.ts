// Issue 9.2: an unhandled rejection or a late throw inside an in-process markup module must not
// kill the client while files are in flight. The built CLI, a real module, the built-in platform.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliChild } from './support/cli.js';

const LEAKY = `
let calls = 0;
export default {
  name: 'leaky',
  async markup(essay, { fileId }) {
    calls += 1;
    // A promise nobody awaits, rejected: Node's default is to end the process.
    if (calls === 1) Promise.reject(new Error('leaked rejection while marking ' + fileId));
    // A throw from a callback after the markup has answered.
    if (calls === 2) setTimeout(() => { throw new Error('late throw after marking ' + fileId); }, 0);
    // The markup's own work dies in a callback: its promise never settles, the deadline policy answers.
    if (calls === 3)
      return new Promise(() => setTimeout(() => { throw new Error('died inside the markup of ' + fileId); }, 0));
    return essay;
  },
};
`;

test('a markup module that leaks rejections and throws asynchronously does not kill the session', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'readable-leaky-'));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  await writeFile(join(cwd, 'leaky.mjs'), LEAKY);
  // No TOKEN: the built-in local platform, 10 files × 10 s × 0.02.
  const child = new CliChild(['session', 'start', '--time-scale', '0.02', '--markup', './leaky.mjs'], {
    cwd,
  });
  t.after(() => child.stop());
  assert.equal(await child.exited, 0, child.output);

  const totals = /(\d+) on time, (\d+) late, (\d+) missing of (\d+) pushed/.exec(child.stdout);
  assert.ok(totals, child.output);
  assert.equal(totals[3], '0', 'no file missing');
  assert.equal(totals[4], '10');
  assert.match(
    child.stderr,
    /unhandled promise rejection in the client process \(a markup module\?\).*leaked rejection while marking \d+/,
  );
  assert.match(child.stderr, /uncaught exception in the client process.*late throw after marking \d+/);
  assert.match(
    child.stderr,
    /uncaught exception in the client process.*while file\(s\) [\d, ]*\d were in flight.*died inside the markup of \d+/,
  );
  assert.match(child.stderr, /warning: 3 unhandled error\(s\) of code in the client process/);

  // The file whose markup died went out unmarked by the deadline policy, with its reason.
  const summary = JSON.parse(await readFile(join(cwd, 'files', 'sessions', '1', 'summary.json'), 'utf8')) as {
    accepted: string[];
    unmarked: string[];
    reasons: Record<string, string>;
  };
  assert.equal(summary.accepted.length, 10);
  assert.equal(summary.unmarked.length, 1, JSON.stringify(summary));
  assert.match(summary.reasons[summary.unmarked[0]!] ?? '', /deadline|time/);
  // The log file has the stack.
  const logs = await readdir(join(cwd, 'logs'));
  const info = logs.find((n) => n.startsWith('info_'));
  assert.ok(info);
  assert.match(await readFile(join(cwd, 'logs', info), 'utf8'), /leaky\.mjs:\d+/);
});
