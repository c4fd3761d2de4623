import pino from 'pino';
import type { LevelWithSilent, Logger } from 'pino';
import { maskToken } from '../config/index.js';
import { LogRouter } from './log-router.js';
import { jsonLineMasker } from './mask-line.js';

export interface CreateLoggerOptions {
  /** Directory of `info_`, `sessions_` and `debug_{date}.log`; created on the first line. Omit for no files. */
  logDir?: string;
  /** Also write every record from `debug` up to `debug_{date}.log` (JSON), and session records from `debug` up. */
  debug: boolean;
  /** Strings masked wherever they appear in any output (the token). @default [] */
  secrets?: readonly string[];
  /** Human-readable lines: `true` for stderr (stdout stays free for command output), or a stream. @default true */
  console?: boolean | { write(text: string): unknown };
  /** Minimum level of the console and of `info_{date}.log`. @default 'info' */
  level?: LevelWithSilent;
  /**
  Minimum level of `info_{date}.log` when it should keep more than the console shows, e.g. a CLI
  whose console shows only warnings (its progress goes to stdout by other means) while the file
  keeps the info lines too. @default level
  */
  fileLevel?: LevelWithSilent;
}

/** A logger that owns its files; `close()` (on it or on any child) closes them. */
export type RootLogger = Logger & {
  /** Closes the log files. Synchronous, so it is safe in `process.on('exit')`. Idempotent. */
  close(): void;
};

/**
Fields that hold a token (`token`, `query.token`, `options.auth.token`), masked even when the token is
not one of the known secrets; known secrets are masked anywhere in each serialised line besides. Paths must not
overlap: an overlapping pair would mask the mask.
*/
const REDACT_PATHS = ['token', '*.token', '*.*.token'];

const censor = (value: unknown): string => (typeof value === 'string' ? maskToken(value) : '****');

const levelValue = (level: LevelWithSilent): number =>
  level === 'silent' ? Infinity : (pino.levels.values[level] ?? pino.levels.values.info ?? 30);

const levelLabel = (value: number): LevelWithSilent =>
  value === Infinity ? 'silent' : ((pino.levels.labels[value] as LevelWithSilent | undefined) ?? 'info');

/**
Builds the toolkit's logger. Lines go, synchronously and without worker threads, to the console and
`info_{date}.log` (the same human-readable text), to `sessions_{date}.log` (JSON records bound to a
`sessionId`, e.g. by `logger.child({ sessionId })`) and, in debug mode, to `debug_{date}.log` (JSON).
Every secret is masked in every output. Use `logger.child({ module: 'session' })` per module.
*/
export function createLogger(options: CreateLoggerOptions): RootLogger {
  const consoleLevel = levelValue(options.level ?? 'info');
  const infoLevel = options.fileLevel === undefined ? consoleLevel : levelValue(options.fileLevel);
  const debugLevel = options.debug ? levelValue('debug') : Infinity;
  const sessionsLevel = Math.min(consoleLevel, infoLevel, options.debug ? debugLevel : levelValue('info'));

  const router = new LogRouter({
    logDir: options.logDir,
    consoleLevel,
    infoLevel,
    sessionsLevel,
    debugLevel,
    console: consoleStreamOf(options.console),
  });
  // Masked as each line is serialised, before any output sees it: call sites never mask anything.
  const mask = jsonLineMasker([...(options.secrets ?? [])].filter((secret) => secret.length > 0));
  const logger = pino(
    {
      level: levelLabel(Math.min(consoleLevel, infoLevel, sessionsLevel, debugLevel)),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      ...(mask !== undefined ? { hooks: { streamWrite: mask } } : {}),
    },
    router,
  );
  return Object.assign(logger, { close: () => router.close() });
}

function consoleStreamOf(
  option: CreateLoggerOptions['console'],
): { write(text: string): unknown } | undefined {
  if (option === false) return undefined;
  return option === true || option === undefined ? process.stderr : option;
}

/** A logger that writes nothing, for tests and library callers that pass no logger. */
export function silentLogger(): RootLogger {
  return Object.assign(pino({ level: 'silent' }), { close: () => undefined });
}
