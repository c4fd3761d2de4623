import type { DestinationStream } from 'pino';
import pino from 'pino';
import { maskSecrets } from '../config/index.js';
import { DatedFile } from './dated-file.js';
import { formatLine, localDate, type LogRecord } from './format-line.js';

export interface LogRouterOptions {
  /** Where the three files go; without it only the console gets lines. */
  logDir: string | undefined;
  /** Minimum level of the console. */
  consoleLevel: number;
  /** Minimum level of `info_{date}.log` (the same lines as the console, maybe more). @default consoleLevel */
  infoLevel?: number;
  /** Minimum level of `sessions_{date}.log`. */
  sessionsLevel: number;
  /** Minimum level of `debug_{date}.log`; `Infinity` when debug is off, so the file is never created. */
  debugLevel: number;
  console: { write(text: string): unknown } | undefined;
  secrets: readonly string[];
}

const levelNumber = (label: unknown): number =>
  typeof label === 'string' ? (pino.levels.values[label] ?? 0) : typeof label === 'number' ? label : 0;

/** Copies a parsed record with every secret masked in every string, keys included. */
function maskDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[maskSecrets(key, secrets)] = maskDeep(item, secrets);
    return out;
  }
  return value;
}

/**
The one destination pino writes to. It parses each line once, masks the secrets in every string of
it (messages, URLs, error messages and stacks, nested fields), then hands it to the console and the
files. Masking here, after serialisation, is what lets call sites never mask anything.
*/
export class LogRouter implements DestinationStream {
  private readonly info: DatedFile | undefined;
  private readonly sessions: DatedFile | undefined;
  private readonly debug: DatedFile | undefined;

  constructor(private readonly options: LogRouterOptions) {
    const { logDir } = options;
    const report = (message: string): void =>
      this.writeConsole(formatLine({ time: Date.now(), level: 'warn', msg: message }));
    this.info = logDir === undefined ? undefined : new DatedFile(logDir, 'info', report);
    this.sessions = logDir === undefined ? undefined : new DatedFile(logDir, 'sessions', report);
    this.debug =
      logDir === undefined || options.debugLevel === Infinity
        ? undefined
        : new DatedFile(logDir, 'debug', report);
  }

  write(line: string): void {
    const { secrets } = this.options;
    let record: LogRecord;
    let json = line.endsWith('\n') ? line : `${line}\n`;
    try {
      record = JSON.parse(line) as LogRecord;
      if (secrets.length > 0) {
        record = maskDeep(record, secrets) as LogRecord;
        json = `${JSON.stringify(record)}\n`;
      }
    } catch {
      // pino always writes JSON; should that ever change, keep the line rather than lose it.
      json = maskSecrets(json, secrets);
      record = { level: 'info', time: Date.now(), msg: json.trimEnd() };
    }

    const level = levelNumber(record.level);
    const date = localDate(record.time);
    const toConsole = level >= this.options.consoleLevel;
    const toInfo = level >= (this.options.infoLevel ?? this.options.consoleLevel);
    if (toConsole || toInfo) {
      const human = formatLine(record);
      if (toConsole) this.writeConsole(human);
      if (toInfo) this.info?.write(date, human);
    }
    if (record.sessionId !== undefined && level >= this.options.sessionsLevel)
      this.sessions?.write(date, json);
    if (level >= this.options.debugLevel) this.debug?.write(date, json);
  }

  /** Every write is already synchronous; this exists for `logger.flush()`. */
  flush(callback?: (error?: Error) => void): void {
    callback?.();
  }

  /** Closes the files. The console keeps getting lines, so late errors still show. */
  close(): void {
    this.info?.close();
    this.sessions?.close();
    this.debug?.close();
  }

  private writeConsole(text: string): void {
    this.options.console?.write(text);
  }
}
