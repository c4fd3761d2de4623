import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Platform } from '../../../platform/index.js';
import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';
import { markupFromOptions, markupOverrides, type MarkupFlags } from '../../markup-options.js';

export interface SessionCommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export interface SessionFlags extends MarkupFlags {
  type?: string;
  dataset?: string;
  /** Dataset folder of the built-in local platform (no TOKEN). */
  data?: string;
  lang?: string;
  count?: number;
  time?: number;
  timeScale?: number;
  directory?: boolean;
  onlySave?: boolean;
  concurrency?: number;
  onMarkupFailure?: 'send-unmarked' | 'send-late' | 'skip';
  durability?: 'atomic' | 'fsync-input' | 'fsync-all';
  envFile?: string;
  host?: string;
  insecure?: boolean;
}

/** Per-file time and scale of the no-account demo: 10 files × 10 s × 0.1 ≈ 10 seconds. */
const LOCAL_TIME_SEC = 10;
const LOCAL_TIME_SCALE = 0.1;

export async function runCommand(
  command: 'start' | 'reconnect' | 'repeat' | 'abort',
  flags: SessionFlags,
  io: SessionCommandIo,
): Promise<void> {
  const { loadConfig } = await import('../../../config/index.js');
  const session = await import('./run-session.js');
  // --host goes through the same checks as HOST (a bare http(s)/ws(s) base URL, `/pku` accepted):
  // a URL with `?token=` would otherwise carry the token into messages and files.
  const config = loadConfig({
    ...(flags.envFile !== undefined && { envFile: flags.envFile }),
    ...(flags.host !== undefined && { env: { ...process.env, HOST: flags.host } }),
  });
  const { concurrency, timeScale } = flags;
  const markupSetup = {
    ...(flags.onlySave && { onlySave: true }),
    ...(flags.directory && { directory: true }),
    ...(flags.insecure && { insecure: true }),
  };
  markupOverrides(flags, markupSetup); // usage errors (two algorithms at once) before anything starts
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts === 1) return controller.abort();
    // Second Ctrl+C: quit at once with the default signal action. Received files are already on disk.
    process.off('SIGINT', onSignal);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let platform: Platform | undefined;
  let sessionId: string | number | undefined;
  try {
    let local: { host: string; token: string; timeScale: number } | undefined;
    if (flags.data !== undefined && config.token !== undefined)
      throw new ExitError(
        EXIT.usage,
        'error: --data picks the local platform dataset; it applies only without a TOKEN',
      );
    if (config.token === undefined && command === 'start') {
      // The architecture rule: session/ never imports platform/, so the no-account wiring lives here.
      const { startPlatform } = await import('../../../platform/index.js');
      const { scoreAnswer, scoreSession } = await import('../../../scoring/index.js');
      const token = randomBytes(24).toString('hex');
      const scale = timeScale ?? LOCAL_TIME_SCALE;
      platform = await startPlatform({
        port: 0,
        tokens: [token],
        timeScale: scale,
        dataDir: join(config.filesDir, 'local-platform'),
        ...(flags.data !== undefined && { datasetDir: flags.data }),
        // The report scores the demo markup against the dataset's experts, as `platform serve` does.
        scoreAnswer: (answer, experts) => scoreAnswer(answer, experts),
        scoreSession: (files) => scoreSession(files),
      });
      local = { host: `http://127.0.0.1:${platform.port}`, token, timeScale: scale };
      io.stdout.write(
        `No TOKEN configured: running against the built-in local platform at ${local.host} (${flags.data === undefined ? 'demo dataset' : `dataset ${flags.data}`}, demo markup)\n`,
      );
    }
    const result = await session.runSession(
      config,
      {
        command,
        start: {
          ...(flags.type !== undefined && { type: flags.type }),
          ...(flags.dataset !== undefined && { dataset: flags.dataset }),
          ...(flags.lang !== undefined && { lang: flags.lang }),
          ...(flags.count !== undefined && { count: flags.count }),
          time: flags.time ?? (local ? LOCAL_TIME_SEC : undefined),
        },
        buildMarkup: (logger) => markupFromOptions(flags, config, { ...markupSetup, logger }),
        // A markup module's leaked rejection or late throw must not kill the client mid-session.
        guardProcess: true,
        ...(concurrency !== undefined && { concurrency }),
        ...(flags.onMarkupFailure !== undefined && { onMarkupFailure: flags.onMarkupFailure }),
        ...(flags.durability !== undefined && { durability: flags.durability }),
        ...(flags.insecure && { insecure: true }),
        // Rehearsals against a scaled local platform (`readable platform serve --time-scale`).
        ...(timeScale !== undefined && { timeScale }),
        ...(local && { host: local.host, token: local.token, timeScale: local.timeScale, local: true }),
      },
      { stdout: io.stdout, stderr: io.stderr, signal: controller.signal },
    );
    sessionId = result.summary?.sessionId;
    if (result.exitCode !== EXIT.ok) throw new ExitError(result.exitCode);
  } catch (error) {
    if (error instanceof ExitError || !isToolkitError(error)) throw error;
    const usage = error.name === 'StartOptionsError';
    throw new ExitError(usage ? EXIT.usage : EXIT.failure, `error: ${error.message}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (platform) await closeLocal(platform, sessionId, io);
  }
}

/** Closes the built-in platform (a session still open is aborted and reported), then prints its report. */
async function closeLocal(platform: Platform, sessionId: string | number | undefined, io: SessionCommandIo) {
  await platform.close();
  const id = Number(sessionId);
  if (sessionId === undefined || !Number.isInteger(id)) return;
  const report = await platform.report(id).catch(() => undefined);
  if (report === undefined) return;
  const { formatLocalReport } = await import('./local-report.js');
  io.stdout.write(`${formatLocalReport(report, join(platform.dataDir, 'reports', `${id}.json`))}\n`);
}
