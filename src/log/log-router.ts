import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
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
}

const levelNumber = (label: unknown): number =>
  typeof label === 'string' ? (pino.levels.values[label] ?? 0) : typeof label === 'number' ? label : 0;

/** Whether a logger's bindings carry a `sessionId`: asked once per logger (pino parses its bindings each time). */
const boundToSession = new WeakMap<Logger, boolean>();
function hasSessionBinding(logger: Logger | undefined): boolean {
  if (logger === undefined) return false;
  let bound = boundToSession.get(logger);
  if (bound === undefined) {
    bound = logger.bindings().sessionId !== undefined;
    boundToSession.set(logger, bound);
  }
  return bound;
}

/**
The one destination pino writes to. Lines arrive already masked (`createLogger` masks each
serialised line before it is written, see mask-line.ts) and pino tells the router each line's
level, fields and logger (its metadata protocol), so a JSON line goes to the sessions and debug
files as it is, never parsed. Only a line shown to a person (the console, `info_{date}.log`) is
parsed, to be formatted.
*/
export class LogRouter implements DestinationStream {
  readonly [pino.symbols.needsMetadataGsym] = true;
  // Set by pino just before each `write`.
  lastLevel: number | undefined;
  lastObj: object | undefined;
  lastLogger: Logger | undefined;
  lastMsg = '';
  lastTime = '';
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
    const json = line.endsWith('\n') ? line : `${line}\n`;
    const meta = this.#take();
    // Not from pino's own write (no metadata): read what the line says.
    const parsed = meta === undefined ? parseLine(json) : undefined;
    const level = meta?.level ?? levelNumber(parsed?.level);
    const date = localDate(Date.now());
    const toConsole = level >= this.options.consoleLevel;
    const toInfo = level >= (this.options.infoLevel ?? this.options.consoleLevel);
    if (toConsole || toInfo) {
      const human = formatLine(parsed ?? parseLine(json));
      if (toConsole) this.writeConsole(human);
      if (toInfo) this.info?.write(date, human);
    }
    const session = meta ? meta.session : parsed?.sessionId !== undefined;
    if (session && level >= this.options.sessionsLevel) this.sessions?.write(date, json);
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

  /** The metadata pino set for this line, cleared so that a later foreign write is not taken for pino's. */
  #take(): { level: number; session: boolean } | undefined {
    const level = this.lastLevel;
    if (level === undefined) return undefined;
    const obj = this.lastObj as { sessionId?: unknown } | undefined;
    const session = obj?.sessionId !== undefined || hasSessionBinding(this.lastLogger);
    this.lastLevel = undefined;
    this.lastObj = undefined;
    this.lastLogger = undefined;
    return { level, session };
  }

  private writeConsole(text: string): void {
    this.options.console?.write(text);
  }
}

function parseLine(json: string): LogRecord {
  try {
    return JSON.parse(json) as LogRecord;
  } catch {
    // pino always writes JSON; should that ever change, keep the line rather than lose it.
    return { level: 'info', time: Date.now(), msg: json.trimEnd() };
  }
}
