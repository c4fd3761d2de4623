// The real local platform for the session benchmark, either in a child process (the default: on a
// 2-core machine the platform's CPU must not be charged to the client being measured) or in this
// process (BENCH_PLATFORM=in-process, to compare).
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PlatformEvent, startPlatform } from '../src/platform/index.js';
import type { Platform, ReportTotals } from '../src/platform/index.js';

/** The platform options a benchmark sets; plain data, so they cross the process boundary. */
export interface BenchPlatformOptions {
  dataDir: string;
  datasetDir: string;
  tokens: string[];
  timeScale: number;
  pushIntervalSec?: number;
  timeoutCloseSec?: number;
}

export type PlatformPlacement = 'child' | 'in-process';

export interface BenchPlatform {
  readonly placement: PlatformPlacement;
  readonly port: number;
  /** Resolves with the totals of the next session that ends (from its final report). */
  nextEnd(): Promise<ReportTotals>;
  close(): Promise<void>;
}

type ChildMessage = { port: number } | { ended: ReportTotals } | { closed: true };

function inProcess(platform: Platform): BenchPlatform {
  return {
    placement: 'in-process',
    port: platform.port,
    nextEnd: () =>
      new Promise((resolve) =>
        platform.once(PlatformEvent.sessionEnded, ({ report }) => resolve(report.totals)),
      ),
    close: () => platform.close(),
  };
}

export async function launchPlatform(
  options: BenchPlatformOptions,
  placement: PlatformPlacement = process.env.BENCH_PLATFORM === 'in-process' ? 'in-process' : 'child',
): Promise<BenchPlatform> {
  if (placement === 'in-process') return inProcess(await startPlatform(options));
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ended: ReportTotals[] = [];
  const waiting: Array<(totals: ReportTotals) => void> = [];
  let closed: (() => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the platform child exited with ${code}`)));
    child.on('message', (message: ChildMessage) => {
      if ('port' in message) resolve(message.port);
      else if ('ended' in message) {
        const wake = waiting.shift();
        if (wake) wake(message.ended);
        else ended.push(message.ended);
      } else closed?.();
    });
    child.send({ start: options });
  });
  return {
    placement,
    port,
    nextEnd: () => {
      const totals = ended.shift();
      return totals ? Promise.resolve(totals) : new Promise((resolve) => waiting.push(resolve));
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        closed = resolve;
        child.send({ close: true });
      });
      child.disconnect();
    },
  };
}

if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let platform: Platform | undefined;
  process.on('message', (message: { start?: BenchPlatformOptions; close?: boolean }) => {
    void (async () => {
      if (message.start) {
        platform = await startPlatform(message.start);
        platform.on(PlatformEvent.sessionEnded, ({ report }) => process.send?.({ ended: report.totals }));
        process.send?.({ port: platform.port });
      } else if (message.close) {
        await platform?.close();
        process.send?.({ closed: true });
      }
    })();
  });
}
