// `readable essay mark FILE` with every long-lived mode, through the shared --markup-* options.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { registerMark } from '../../src/cli/commands/essay/mark.js';
import { inProcess, type Streams } from '../support/cli.js';
import { httpServer, marking, pythonServer } from './http-support.js';
import { NODE, ROOT } from './support.js';

const RUS = join(ROOT, 'data/demo/train/1000001.json');

function mark(args: string[], env: Record<string, string> = {}) {
  const register = (group: Command, io: Streams) => registerMark(group, io, { cwd: ROOT, env });
  return inProcess(register, ['mark', RUS, '--json', ...args]);
}

function added(stdout: string): number {
  return (JSON.parse(stdout) as { added: unknown[] }).added.length;
}

describe('essay mark with the worker and HTTP markups', () => {
  it('marks with --markup-worker (Node and Python workers)', async () => {
    for (const worker of [`${NODE} examples/node-worker.mjs`, 'python3 examples/python/my_worker.py']) {
      const run = await mark(['--markup-worker', worker, '--workers', '1'], { MODEL_LOAD_SECONDS: '0' });
      assert.equal(run.error, undefined, run.stderr);
      assert.equal(added(run.stdout), 1);
    }
  });

  it('marks with --markup-url, and with MARKUP_URL from the environment', async (t) => {
    const node = await httpServer(t, marking);
    const python = await pythonServer(t, { MARKUP_AUTH: 'Bearer letmein' });
    const run = await mark(['--markup-url', node.url]);
    assert.equal(run.error, undefined, run.stderr);
    assert.equal(added(run.stdout), 1);
    const viaEnv = await mark([], { MARKUP_URL: python.url, MARKUP_AUTH: 'Bearer letmein' });
    assert.equal(viaEnv.error, undefined, viaEnv.stderr);
    assert.equal(added(viaEnv.stdout), 1);
  });

  it('refuses two modes at once and a bad --workers as usage errors', async () => {
    const both = await mark(['--markup-worker', 'x', '--markup-url', 'http://127.0.0.1:9/']);
    assert.match(both.stderr + String(both.error), /either --markup-worker or --markup-url, not both/);
    const bad = await mark(['--markup-worker', 'x', '--workers', '0']);
    assert.match(
      String(bad.error),
      /option '--workers <n>' argument '0' is invalid\. Expected a positive integer\./,
    );
  });
});
