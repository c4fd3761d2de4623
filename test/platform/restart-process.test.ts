import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionReport } from '../../src/platform/index.js';
import { CliChild } from '../support/cli.js';
import { PlatformProcess } from '../support/platform-process.js';
import { writeDataset } from '../session/support/dataset.js';

// The real platform process killed with SIGKILL mid-session and started again on its store, with
// the real client (`readable session start` / `session reconnect` from dist) in its own process.

const TOKEN = 'restart-token-0123456789';
/** 10 s per file × 0.05 = 500 ms per file: 8 files last about 4 s. */
const SCALE = 0.05;
const FILES = 10;
const START = ['--count', String(FILES), '--time', '10', '--dataset', 'train', '--lang', 'rus'];

interface Env {
  dir: string;
  store: string;
  data: string;
  serve(port?: number): Promise<PlatformProcess>;
  client(args: string[]): CliChild;
}

async function setup(t: TestContext): Promise<Env> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-restart-'));
  const data = join(dir, 'dataset');
  await writeDataset(data, { count: FILES });
  const store = join(dir, 'store');
  const children: { stop(): Promise<void> }[] = [];
  t.after(async () => {
    for (const c of children) await c.stop();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir,
    store,
    data,
    async serve(port = 0) {
      const p = await PlatformProcess.start({
        store,
        data,
        tokens: [TOKEN],
        port,
        timeScale: SCALE,
        flags: ['--timeout-close', '600'],
      });
      children.push(p);
      return p;
    },
    client(args) {
      const c = new CliChild(['session', ...args], { cwd: dir, env: { TOKEN } });
      children.push(c);
      return c;
    },
  };
}

async function finalReport(env: Env, sessionId: number): Promise<SessionReport> {
  return JSON.parse(await readFile(join(env.store, 'reports', `${sessionId}.json`), 'utf8')) as SessionReport;
}

async function assertNothingLost(env: Env, report: SessionReport): Promise<void> {
  assert.equal(report.end?.type, 'finish', JSON.stringify(report.end));
  assert.equal(report.files.length, FILES);
  for (const f of report.files) assert.match(f.status, /^(on-time|late)$/, `${f.fileId}: ${f.status}`);
  const session = join(env.dir, 'files', 'sessions', String(report.sessionId));
  const inputs = (await readdir(join(session, 'input'))).filter((n) => /^\d+\.json$/.test(n));
  assert.equal(inputs.length, FILES, `inputs saved: ${inputs.join(' ')}`);
}

test('platform SIGKILL mid-session, restarted on its store: the running client continues, nothing is lost', async (t) => {
  const env = await setup(t);
  const first = await env.serve();
  const client = env.client([
    'start',
    ...START,
    '--markup',
    'demo',
    '--time-scale',
    String(SCALE),
    '--host',
    first.host,
  ]);
  await client.waitFor(/file \d+ accepted[^]*file \d+ accepted/);
  first.kill('SIGKILL');
  await first.exited;
  const second = await env.serve(first.port);
  assert.equal(await client.exited, 0, client.output);
  assert.equal(await second.terminate(), 0, second.stderr);
  const report = await finalReport(env, 1);
  await assertNothingLost(env, report);
  assert.equal(report.restarts?.length, 1);
  assert.match(second.stderr, /session 1 restored: \d+\/10 files pushed/);
});

test('platform and client both killed with SIGKILL; the platform restarts, `session reconnect` finishes the session', async (t) => {
  const env = await setup(t);
  const first = await env.serve();
  const client = env.client([
    'start',
    ...START,
    '--markup',
    'demo',
    '--time-scale',
    String(SCALE),
    '--host',
    first.host,
  ]);
  await client.waitFor(/file \d+ accepted[^]*file \d+ accepted/);
  client.kill('SIGKILL');
  first.kill('SIGKILL');
  await Promise.all([client.exited, first.exited]);
  const second = await env.serve(first.port);
  const resumed = env.client(['reconnect', '--markup', 'demo', '--host', second.host]);
  assert.equal(await resumed.exited, 0, resumed.output);
  assert.match(resumed.stdout, /session 1 resumed/);
  assert.equal(await second.terminate(), 0, second.stderr);
  await assertNothingLost(env, await finalReport(env, 1));
});
