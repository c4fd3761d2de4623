import { EXIT, ExitError } from '../../exit-error.js';
import { isToolkitError } from '../../../errors.js';

export interface ServeIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where READABLE_PLATFORM_TOKENS is read; `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
}

/** Tokens from the environment: comma, space or newline separated (they never show in `ps`). */
export const TOKENS_ENV = 'READABLE_PLATFORM_TOKENS';

/** The flags as commander hands them over: numbers already parsed (src/cli/number-options.ts). */
export interface ServeFlags {
  port: number;
  host: string;
  data?: string;
  store: string;
  token: string[];
  tokensFile?: string;
  tokenFile?: string;
  timeScale: number;
  finalTime: number;
  timeoutClose: number;
  reconnectWindow: number;
  pushInterval?: number;
}

function scoreText(score: unknown): string {
  const s = score as { scored?: number; meanMTotal?: number | null; meanSTAR?: number | null } | undefined;
  if (!s || !s.scored) return '';
  return `; mean MTotal ${s.meanMTotal ?? '-'}, mean STAR ${s.meanSTAR ?? '-'} over ${s.scored} scored`;
}

/** Runs the platform until SIGINT/SIGTERM, then aborts open sessions and writes their reports. */
export async function runServe(flags: ServeFlags, io: ServeIo): Promise<void> {
  const {
    port,
    timeScale,
    finalTime: finalTimeSec,
    timeoutClose: timeoutCloseSec,
    reconnectWindow: reconnectWindowSec,
    pushInterval: pushIntervalSec,
  } = flags;
  const fromEnv = ((io.env ?? process.env)[TOKENS_ENV] ?? '').split(/[\s,]+/).filter((t) => t !== '');
  const tokens = [...flags.token, ...fromEnv];
  const tokensFile = flags.tokensFile ?? flags.tokenFile;
  const usesDefaultToken = tokens.length === 0 && tokensFile === undefined;

  const { startPlatform, DEFAULT_TOKEN, PlatformEvent } = await import('../../../platform/index.js');
  const { createLogger } = await import('../../../log/index.js');
  const { scoreAnswer, scoreSession } = await import('../../../scoring/index.js');
  const logger = createLogger({ debug: false, console: io.stderr, secrets: tokens });

  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform({
      port,
      host: flags.host,
      dataDir: flags.store,
      ...(flags.data !== undefined && { datasetDir: flags.data }),
      ...(tokens.length > 0 && { tokens }),
      ...(tokensFile !== undefined && { tokensFile }),
      timeScale,
      finalTimeSec,
      timeoutCloseSec,
      reconnectWindowSec,
      ...(pushIntervalSec !== undefined && { pushIntervalSec }),
      logger,
      // Reports carry each answer's criteria and PSR against the dataset's experts, and session means.
      scoreAnswer: (answer, experts) => scoreAnswer(answer, experts),
      scoreSession: (files) => scoreSession(files),
    });
  } catch (error) {
    logger.close();
    if (isToolkitError(error)) {
      const usage = error.name === 'PlatformOptionsError';
      throw new ExitError(usage ? EXIT.usage : EXIT.failure, `error: ${error.message}`);
    }
    throw error;
  }

  // The raw tokens are the user's own input; still, only the default one is ever printed.
  const tokenText = usesDefaultToken ? `tokens: ${DEFAULT_TOKEN}` : `tokens: ${platform.tokenCount} accepted`;
  io.stdout.write(`Local platform on ${platform.url}, ${tokenText}\n`);
  io.stdout.write(`Answers and reports: ${flags.store}; press Ctrl+C to stop\n`);
  platform.on(PlatformEvent.sessionEnded, ({ sessionId, type, report }) => {
    const t = report.totals;
    io.stdout.write(
      `Session ${sessionId} ended (${type}): ${t.onTime} on time, ${t.late} late, ${t.invalid} invalid, ` +
        `${t.missing} missing of ${t.pushed} pushed${scoreText(report.score)}; ` +
        `report ${platform.dataDir}/reports/${sessionId}.json\n`,
    );
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      const open = platform.sessions().filter((s) => s.active).length;
      io.stderr.write(`\n${signal}: stopping; aborting ${open} open session(s)\n`);
      void platform.close().then(resolve, (error: unknown) => {
        // Reports of aborted sessions may be missing: say so rather than stop quietly.
        logger.error({ err: error }, 'the platform did not shut down cleanly');
        resolve();
      });
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  const ended = platform.sessions();
  io.stdout.write(
    `Local platform stopped after ${ended.length} session(s); reports in ${flags.store}/reports\n`,
  );
  logger.close();
}
