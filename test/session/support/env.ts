import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Clock } from '../../../src/clock/index.js';
import { startPlatform } from '../../../src/platform/index.js';
import type { Platform } from '../../../src/platform/index.js';
import { Marker } from '../../../src/markup/index.js';
import type { Markup } from '../../../src/markup/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { runSession } from '../../../src/cli/commands/session/run-session.js';
import { MemoryOutgoingStore, Session, createConnector } from '../../../src/session/index.js';
import type { SessionOptions, ReconnectPolicy } from '../../../src/session/index.js';
import type { RunSessionOptions } from '../../../src/cli/commands/session/run-session.js';
import { writeDataset } from './dataset.js';
import type { DatasetSpec } from './dataset.js';

export const TOKEN = 'test-token-0123456789abcdef';
/** 10 s per file × 0.01 = 100 ms per file. */
export const TIME_SCALE = 0.01;

export interface TestEnv {
  dir: string;
  filesDir: string;
  datasetDir: string;
  ids: string[];
  platform: Platform;
  host: string;
}

/** A temp dir, a tiny dataset and a real local platform on a free port; all removed after the test. */
export async function setup(
  t: TestContext,
  spec: DatasetSpec & {
    timeoutCloseSec?: number;
    port?: number;
    timeScale?: number;
    pushIntervalSec?: number;
    /** The platform's clock; give the session the same one to step a session through its deadlines. */
    clock?: Clock;
  } = {},
): Promise<TestEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-session-'));
  const datasetDir = join(dir, 'dataset');
  const ids = await writeDataset(datasetDir, spec);
  const platform = await startPlatform({
    dataDir: join(dir, 'platform'),
    datasetDir,
    tokens: [TOKEN],
    timeScale: spec.timeScale ?? TIME_SCALE,
    timeoutCloseSec: spec.timeoutCloseSec ?? 100,
    ...(spec.pushIntervalSec !== undefined ? { pushIntervalSec: spec.pushIntervalSec } : {}),
    ...(spec.clock !== undefined ? { clock: spec.clock } : {}),
    port: spec.port ?? 0,
  });
  t.after(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir,
    filesDir: join(dir, 'files'),
    datasetDir,
    ids,
    platform,
    host: `http://127.0.0.1:${platform.port}`,
  };
}

export function fastReconnect(): Partial<ReconnectPolicy> {
  return { minDelayMs: 20, maxDelayMs: 100, maxAttempts: 500, initialAttempts: 2 };
}

export function makeSession(
  env: Pick<TestEnv, 'filesDir' | 'host'>,
  markup: Markup,
  options: Partial<SessionOptions> & { token?: string; memoryStore?: boolean } = {},
): Session {
  const connector =
    options.connector ??
    createConnector('socket.io-v2', {
      host: env.host,
      token: options.token ?? TOKEN,
      reconnect: fastReconnect(),
    });
  return new Session({
    filesDir: env.filesDir,
    timeScale: TIME_SCALE,
    drainTimeoutMs: 2000,
    ...(options.memoryStore ? { outgoingStore: () => new MemoryOutgoingStore() } : {}),
    ...options,
    connector,
    marker: new Marker(markup),
  });
}

/** Start options that fit the tiny datasets (the platform gives fewer files when it has fewer). */
export const START = { count: 10, time: 10, dataset: 'train', lang: 'rus' } as const;

/** Collects what a stream gets, for assertions on a command's output. */
export function sink() {
  let text = '';
  return {
    stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream,
    get text() {
      return text;
    },
  };
}

/**
`runSession` as the CLI calls it, against the test platform: files and logs under the test's dir,
`settings` as extra environment (`DEBUG`, …), `flags` over the defaults of a start.
*/
export async function runSessionIn(
  env: Pick<TestEnv, 'dir' | 'filesDir' | 'host'>,
  flags: Partial<RunSessionOptions> = {},
  settings: Record<string, string> = {},
) {
  const config = loadConfig({
    cwd: env.dir,
    env: { FILES_DIR: env.filesDir, LOGS_DIR: join(env.dir, 'logs'), ...settings },
  });
  const stdout = sink();
  const stderr = sink();
  const result = await runSession(
    config,
    {
      command: 'start',
      start: START,
      host: env.host,
      token: TOKEN,
      timeScale: TIME_SCALE,
      local: true,
      cwd: env.dir,
      reconnect: fastReconnect(),
      ...flags,
    },
    { stdout: stdout.stream, stderr: stderr.stream },
  );
  return { ...result, stdout: stdout.text, stderr: stderr.text };
}
