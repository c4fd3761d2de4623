import type { Logger } from '../log/index.js';
import { silentLogger } from '../log/index.js';
import type { Clock } from '../clock/index.js';
import { systemClock } from '../clock/index.js';
import { defaultDatasetDir } from './dataset.js';
import { PlatformOptionsError } from './errors.js';
import type { ScoreAnswerHook, ScoreSessionHook } from './report.js';
import { readTokensFile } from './token-registry.js';

export interface PlatformOptions {
  /** Where answers, reports and client logs are written. */
  dataDir: string;
  /** `0` picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Accepted tokens. With neither `tokens` nor `tokensFile`, only `local` is accepted. */
  tokens?: readonly string[];
  /** A file with one token per line (`#` comments allowed); adds to `tokens`. */
  tokensFile?: string;
  /** @default defaultDatasetDir() */
  datasetDir?: string;
  /** Multiplies every session duration (file time, push interval, close timeout, reconnect window). @default 1 */
  timeScale?: number;
  /**
  Seconds between two pushes of a session, apart from each file's deadline (its `time`). `0`
  pushes every file of the session at once, in order (a burst: each deadline starts at that
  moment); a value below `time` makes files overlap, one above it leaves gaps.
  @default the session's seconds per file (`time`): one file per deadline, as the contest does
  */
  pushIntervalSec?: number;
  /** Seconds per file in a final session. @default 60 */
  finalTimeSec?: number;
  /** Files in a final session (capped by the test split). @default 100 */
  finalFiles?: number;
  /** Files in a technical session (from the train split, both languages). @default 10 */
  technicalFiles?: number;
  /** Seconds after the last push before `timeout-close`. @default 300 */
  timeoutCloseSec?: number;
  /** Seconds a session survives without a connection before it is lost. @default 900 */
  reconnectWindowSec?: number;
  /** Engine.IO ping interval in real milliseconds (not scaled). @default 10000 */
  pingIntervalMs?: number;
  /** Engine.IO ping timeout in real milliseconds (not scaled). @default 20000 */
  pingTimeoutMs?: number;
  /** Largest WebSocket message accepted; a bigger one closes that connection. @default 5_000_000 */
  maxPayloadBytes?: number;
  /** Most client log records one `logs-send` may carry. @default 1000 */
  maxLogRecords?: number;
  /** Client log bytes stored per token, in all (`logs/{tokenHash}.jsonl`). @default 16 MiB */
  maxLogBytes?: number;
  clock?: Clock;
  logger?: Logger;
  scoreAnswer?: ScoreAnswerHook;
  scoreSession?: ScoreSessionHook;
}

export type ResolvedOptions = Required<
  Omit<PlatformOptions, 'tokens' | 'tokensFile' | 'scoreAnswer' | 'scoreSession' | 'pushIntervalSec'>
> &
  Pick<PlatformOptions, 'scoreAnswer' | 'scoreSession'> & {
    tokens: string[];
    /** `undefined`: push every `time` seconds. */
    pushIntervalSec: number | undefined;
  };

export const DEFAULT_TOKEN = 'local';

function positive(name: string, value: number | undefined, fallback: number, integer = false): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new PlatformOptionsError(
      name,
      `must be a positive ${integer ? 'integer' : 'number'} (got ${String(v)})`,
    );
  }
  return v;
}

function nonNegative(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PlatformOptionsError(name, `must be a number of seconds, 0 or more (got ${String(value)})`);
  }
  return value;
}

/** Applies the defaults and checks every option once, before anything starts. */
export async function resolveOptions(options: PlatformOptions): Promise<ResolvedOptions> {
  if (typeof options.dataDir !== 'string' || options.dataDir === '') {
    throw new PlatformOptionsError('dataDir', 'must be a directory path');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PlatformOptionsError('port', `must be an integer from 0 to 65535 (got ${String(port)})`);
  }
  const tokens = [...(options.tokens ?? [])];
  if (options.tokensFile !== undefined) tokens.push(...(await readTokensFile(options.tokensFile)));
  if (options.tokens === undefined && options.tokensFile === undefined) tokens.push(DEFAULT_TOKEN);
  if (tokens.length === 0) throw new PlatformOptionsError('tokens', 'must list at least one token');
  return {
    dataDir: options.dataDir,
    port,
    host: options.host ?? '127.0.0.1',
    tokens,
    datasetDir: options.datasetDir ?? defaultDatasetDir(),
    timeScale: positive('timeScale', options.timeScale, 1),
    pushIntervalSec: nonNegative('pushIntervalSec', options.pushIntervalSec),
    finalTimeSec: positive('finalTimeSec', options.finalTimeSec, 60),
    finalFiles: positive('finalFiles', options.finalFiles, 100, true),
    technicalFiles: positive('technicalFiles', options.technicalFiles, 10, true),
    timeoutCloseSec: positive('timeoutCloseSec', options.timeoutCloseSec, 300),
    reconnectWindowSec: positive('reconnectWindowSec', options.reconnectWindowSec, 900),
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 10_000, true),
    pingTimeoutMs: positive('pingTimeoutMs', options.pingTimeoutMs, 20_000, true),
    maxPayloadBytes: positive('maxPayloadBytes', options.maxPayloadBytes, 5_000_000, true),
    maxLogRecords: positive('maxLogRecords', options.maxLogRecords, 1000, true),
    maxLogBytes: positive('maxLogBytes', options.maxLogBytes, 16 * 1024 * 1024, true),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger(),
    scoreAnswer: options.scoreAnswer,
    scoreSession: options.scoreSession,
  };
}
