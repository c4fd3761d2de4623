import type { Config } from '../../../config/index.js';
import { createLogger, maskSecrets } from '../../../log/index.js';
import { markupFromConfig } from '../../markup-config.js';
import { Marker } from '../../../markup/index.js';
import type { Markup, MarkupLogger } from '../../../markup/index.js';
import {
  buildStartRequest,
  createConnector,
  DEFAULT_CONNECTOR,
  Session,
  SessionError,
  SessionStore,
  StartOptionsError,
  summaryOk,
} from '../../../session/index.js';
import type {
  Durability,
  MarkupFailurePolicy,
  ReconnectPolicy,
  SessionSummary,
  StartOptions,
} from '../../../session/index.js';
import { EXIT } from '../../exit-error.js';
import { guardProcess } from './process-guard.js';
import { attachProgress } from './progress.js';
import { formatSummary } from './summary-table.js';

export type SessionCommand = 'start' | 'reconnect' | 'repeat' | 'abort';

/** How the user picked a markup on the command line; flags win over the config. */
export interface MarkupFlags {
  /** `demo` (or another registered kind) or the path of a markup module. */
  markup?: string;
  markupCommand?: string;
  /** Answers come from `{fileId}.json` files a separate program writes into `output/`. */
  directory?: boolean;
  /** Save received essays, send nothing. */
  onlySave?: boolean;
}

export interface RunSessionOptions extends MarkupFlags {
  command: SessionCommand;
  /** Where relative markup paths resolve and commands run. @default process.cwd() */
  cwd?: string;
  /** The local platform with the demo markup: the demo warning is not needed. */
  local?: boolean;
  start?: StartOptions;
  /** A ready markup; wins over the markup flags (tests, embedding). */
  markupImpl?: Markup;
  /** Builds the markup once the logger exists (the CLI's `--markup-*` options); wins over the markup flags. */
  buildMarkup?: (logger: MarkupLogger) => Promise<Markup>;
  concurrency?: number;
  onMarkupFailure?: MarkupFailurePolicy;
  /** How much is flushed to the disk (see `Durability`). @default 'fsync-input' */
  durability?: Durability;
  /** Overrides `HOST`. */
  host?: string;
  /** Overrides `TOKEN` (the CLI's built-in local platform uses a generated one). */
  token?: string;
  /** Skip TLS certificate checks (or the config's `TLS_INSECURE`). */
  insecure?: boolean;
  /** Real time per protocol time; the local platform's time scale. @default 1 */
  timeScale?: number;
  /** A connector registered with `registerConnector`. @default 'socket.io-v2' */
  connector?: string;
  reconnect?: Partial<ReconnectPolicy>;
  /**
  Catch unhandled promise rejections and uncaught exceptions of code in this process (an in-process
  markup module) while the session runs: logged, and the session goes on. The CLI sets it.
  @default false
  */
  guardProcess?: boolean;
}

export interface RunSessionIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** Aborted on the first Ctrl+C: stop taking new work, finish or persist in-flight files, disconnect. */
  signal?: AbortSignal;
}

export interface RunSessionResult {
  exitCode: number;
  summary?: SessionSummary;
}

/**
Everything `readable session <command>` does, minus flag parsing: config → logger, markup and
connector → the session → live progress → summary table. Start options are validated before
anything connects (a `StartOptionsError` propagates).
*/
export async function runSession(
  config: Config,
  options: RunSessionOptions,
  io: RunSessionIO,
): Promise<RunSessionResult> {
  const token = options.token ?? config.token;
  if (token === undefined) {
    throw new SessionError('no TOKEN configured: put TOKEN=... in .env or the environment', 'auth');
  }
  const request = options.command === 'start' ? buildStartRequest(options.start) : undefined;
  const host = options.host ?? config.host;
  const store = new SessionStore(config.filesDir);
  const current = options.command === 'start' ? undefined : await store.readCurrent();
  // A process killed between `session-start-success` and the write of current.json leaves none, while
  // the platform holds the session for the token: `reconnect` then asks the platform which it is.
  if (options.command === 'reconnect' && current === undefined)
    io.stderr.write(
      `warning: ${store.currentPath} is missing: asking the platform for this token's active session\n`,
    );
  if (options.command === 'repeat' && current === undefined) {
    throw new SessionError(
      `no session to resume: ${store.currentPath} is missing (start one first)`,
      'no-session',
    );
  }
  // The console gets warnings and errors (stderr) and the progress display (stdout, written by
  // `attachProgress` and `say`); info_{date}.log gets both, through the info records they log.
  const logger = createLogger({
    logDir: config.logsDir,
    debug: config.debug,
    secrets: [token, ...[config.markupAuth, config.llmApiKey].filter((s): s is string => s !== undefined)],
    console: io.stderr,
    level: 'warn',
    fileLevel: 'info',
  });
  const cliLog = logger.child({ module: 'cli' });
  const say = (text: string, fields: Record<string, unknown> = {}) => {
    io.stdout.write(`${maskSecrets(text, [token])}\n`);
    cliLog.info(fields, text);
  };
  // The CLI's own `error: …` line on stderr; the files get it too (at info: the console already has it).
  const complain = (text: string, fields: Record<string, unknown> = {}) => {
    io.stderr.write(`error: ${maskSecrets(text, [token])}\n`);
    cliLog.info({ ...fields, stream: 'stderr' }, `error: ${text}`);
  };
  const inFlight = new Set<string>();
  const guard = options.guardProcess ? guardProcess(cliLog, { inFlight: () => [...inFlight] }) : undefined;
  try {
    const markup =
      options.markupImpl ??
      (options.command === 'abort'
        ? undefined
        : options.buildMarkup
          ? await options.buildMarkup(logger.child({ module: 'markup' }))
          : await markupFromConfig(config, {
              ...(options.markup !== undefined && { markup: options.markup }),
              ...(options.markupCommand !== undefined && { markupCommand: options.markupCommand }),
              ...(options.onlySave && { onlySaveFiles: true }),
              ...(options.directory && { checkDirectoryAnswer: true }),
              cwd: options.cwd ?? process.cwd(),
              logger: logger.child({ module: 'markup' }),
            }));
    if (markup?.warning && !options.local) io.stderr.write(`warning: ${markup.warning}\n`);
    const marker = new Marker(markup ?? { name: 'none', markup: async () => null });
    const connector = createConnector(options.connector ?? DEFAULT_CONNECTOR, {
      host,
      token,
      protocolVersion: config.wsProtocolVersion,
      tlsInsecure: options.insecure === true || config.tlsInsecure,
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    });
    const timeScale = options.timeScale ?? current?.timeScale ?? 1;
    const session = new Session({
      connector,
      marker,
      filesDir: config.filesDir,
      logger,
      concurrency: options.concurrency ?? config.concurrency,
      onMarkupFailure: options.onMarkupFailure ?? 'send-unmarked',
      durability: options.durability ?? config.durability,
      ...(config.answerTimeoutSec !== undefined ? { answerTimeoutMs: config.answerTimeoutSec * 1000 } : {}),
      timeScale,
      host,
      secrets: [token],
      ...(current ? { sessionId: current.sessionId, fileTimeSec: current.fileTimeSec } : {}),
    });
    const live = io.stdout.isTTY === true && options.command !== 'abort';
    const progress = attachProgress(session, {
      stream: io.stdout,
      live,
      logger,
      ...(request?.params ? { total: request.params.countFiles } : {}),
    });
    const onStop = () => {
      say(
        'Stopping: finishing in-flight files, then disconnecting (Ctrl+C again quits at once; received files are on disk).',
      );
      void session.stop();
    };
    io.signal?.addEventListener('abort', onStop, { once: true });
    session.on('file-received', ({ fileId }) => inFlight.add(fileId));
    for (const end of ['file-accepted', 'file-rejected', 'file-failed'] as const)
      session.on(end, ({ fileId }) => inFlight.delete(fileId));
    session.on('file-marked', ({ fileId, outcome }) => {
      if (outcome === 'kept' || outcome === 'skipped') inFlight.delete(fileId);
    });
    try {
      await operate(session, options.command, request ? options.start : undefined);
    } catch (error) {
      if (error instanceof StartOptionsError) throw error;
      // The session records why it ended; an operation error that did not end it ends it now.
      if (!session.ended) await session.close();
      const summary = await session.done;
      progress.stop();
      const message = error instanceof Error ? error.message : String(error);
      complain(message, { sessionId: summary.sessionId });
      warnCaught();
      if (summary.received.length > 0) say(formatSummary(summary), { sessionId: summary.sessionId });
      logger.close();
      await marker.close();
      io.signal?.removeEventListener('abort', onStop);
      return { exitCode: EXIT.failure, summary };
    }
    const summary = await session.done;
    io.signal?.removeEventListener('abort', onStop);
    progress.stop();
    await marker.close();
    try {
      return finalWords(summary);
    } finally {
      logger.close();
    }
  } finally {
    guard?.remove();
  }

  function warnCaught(): void {
    if (guard !== undefined && guard.caught > 0)
      io.stderr.write(
        `warning: ${guard.caught} unhandled error(s) of code in the client process (a markup module?) were caught and logged; the session went on\n`,
      );
  }

  function finalWords(summary: SessionSummary): RunSessionResult {
    const fields = { sessionId: summary.sessionId };
    warnCaught();
    if (options.command === 'abort') {
      say(`Session ${String(summary.sessionId ?? '')} aborted.`, fields);
      return { exitCode: EXIT.ok, summary };
    }
    say(formatSummary(summary), fields);
    if (summary.end.reason === 'stopped') {
      if (!options.local) {
        say(
          'The session is still open on the platform: `readable session reconnect` resumes it, `readable session abort` ends it.',
          fields,
        );
      }
      return { exitCode: EXIT.interrupted, summary };
    }
    if (summary.end.reason === 'auth-error' || summary.end.reason === 'connection-error') {
      complain(summary.end.message ?? summary.end.reason, fields);
    }
    return { exitCode: summaryOk(summary) ? EXIT.ok : EXIT.failure, summary };
  }
}

async function operate(
  session: Session,
  command: SessionCommand,
  start: StartOptions | undefined,
): Promise<void> {
  switch (command) {
    case 'start':
      await session.start(start);
      return;
    case 'reconnect':
      await session.reconnect();
      return;
    case 'repeat':
      await session.repeatFile();
      await session.idle();
      await session.close();
      return;
    case 'abort':
      await session.abort();
      return;
  }
}
