import type { Clock } from '../clock/index.js';
import { ServerEvent } from '../protocol/index.js';
import type { SessionContext } from './context.js';
import { SessionError, isSessionError } from './errors.js';
import { shipLogs } from './logs-shipper.js';
import type { OpenFiles } from './open-files.js';
import type { Recorder } from './recorder.js';
import type { EndReason, SessionSummary } from './summary.js';

/** Ends after which the session's log records go to the platform, before the client disconnects. */
const SHIPS_LOGS: ReadonlySet<EndReason> = new Set([
  'finish',
  'timeout-close',
  'client-abort',
  'server-abort',
]);

export interface ShutdownParts {
  context: SessionContext;
  recorder: Recorder;
  files: OpenFiles;
  /** Resolves once the journal of earlier processes is replayed. */
  restored: () => Promise<void>;
  /** Saves the pushes still held for want of a session id as refused (see `Intake`). */
  released?: () => Promise<void>;
  /** At the end, in-flight work gets this long to finish or be persisted. */
  drainTimeoutMs: number;
  logsTimeoutMs: number;
}

/** Every way the connection or the platform ends the session calls `finish`. */
export function wireEnds(c: SessionContext, finish: (reason: EndReason, error?: Error) => void): void {
  const { connector, pending } = c;
  connector.on('failed', (error) => {
    const auth = isSessionError(error) && error.kind === 'auth';
    finish(auth ? 'auth-error' : 'connection-error', error);
  });
  // Not an end: the connector reconnects when the line went down with it (docs/protocol.md §2).
  connector.on('transport-error', ({ message, connected }) =>
    c.logger.warn(
      { connected },
      `connection error (not an auth refusal; the session goes on${connected ? '' : ' after a reconnect'}): ${message}`,
    ),
  );
  connector.on(ServerEvent.autoReconnectError, (p) => {
    c.logger.warn(`the platform could not attach this connection to an active session: ${p.message}`);
    if (c.sessionId !== undefined && !pending.has('start')) finish('lost', new Error(p.message));
  });
  connector.on(ServerEvent.close, (p) => finish(p.type === 'timeout-close' ? 'timeout-close' : 'finish'));
  connector.on(ServerEvent.abort, (p) =>
    finish('server-abort', p.message ? new Error(p.message) : undefined),
  );
  connector.on(ServerEvent.clientAbortSuccess, () => {
    pending.settle('abort', undefined);
    finish('client-abort');
  });
  connector.on('protocol-error', ({ event, error }) => {
    if (event === ServerEvent.clientAbortSuccess || event === ServerEvent.clientAbortError)
      pending.reject('abort', new SessionError(`the platform's answer is invalid: ${error}`, 'abort'));
  });
  connector.on(ServerEvent.clientAbortError, (p) => {
    pending.reject('abort', new SessionError(`the platform refused the abort: ${p.message}`, 'abort'));
  });
}

/**
Ends a session: in-flight markups finish (a graceful stop) or are aborted, answers go out or stay
in the outgoing store, the log records go to the platform, the connection closes, and the
summary is written. Never throws; resolves with the summary.
*/
export async function shutDown(p: ShutdownParts, reason: EndReason, error?: Error): Promise<SessionSummary> {
  const c = p.context;
  const graceful = reason === 'stopped' || reason === 'done';
  const abortAll = () => {
    for (const { controller } of p.files.inFlight.values())
      controller.abort(new Error(`session ended: ${reason}`));
  };
  if (!graceful) abortAll();
  await withTimeout(
    c.clock,
    Promise.allSettled([...p.files.inFlight.values()].map((f) => f.done)),
    p.drainTimeoutMs,
  );
  abortAll();
  if (graceful && c.connector.connected && p.files.size > 0)
    await withTimeout(c.clock, p.files.idle(), Math.min(p.drainTimeoutMs, 3000));
  await p.restored();
  await p.released?.();
  const end = { reason, ...(error ? { message: error.message } : {}) };
  p.recorder.ended({ ...end, ...counts(c.summary.build(end)) });
  // docs/protocol.md: `logs-send` may still arrive after `session-close`; the client disconnects after it.
  if (SHIPS_LOGS.has(reason) && c.connector.connected) {
    const result = await shipLogs({
      connector: c.connector,
      log: p.recorder.clientLog,
      logger: c.logger,
      timeoutMs: p.logsTimeoutMs,
    });
    if (result.sent > 0) c.logger.info(`sent ${result.sent} log record(s) to the platform`);
  }
  await c.connector.close();
  await c.outbox?.settled();
  c.pending.rejectAll(error ?? new SessionError(`the session ended (${reason})`, 'closed'));
  const summary = c.summary.build(end);
  if (c.sessionId !== undefined) {
    await c.store
      .writeSummary(c.sessionId, summary)
      .catch((e: unknown) => c.logger.error({ err: e }, 'could not write summary.json'));
  }
  await c.outbox?.store.close();
  await p.recorder.close();
  return summary;
}

function counts(summary: SessionSummary): Record<string, number> {
  return {
    received: summary.received.length,
    accepted: summary.accepted.length,
    rejected: summary.rejected.length,
    late: summary.late.length,
    failed: summary.failed.length,
  };
}

function withTimeout<T>(clock: Clock, promise: Promise<T>, ms: number): Promise<T | undefined> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<undefined>(
    (resolve) => (cancel = clock.setTimeout(() => resolve(undefined), ms).cancel),
  );
  return Promise.race([promise, timeout]).finally(() => cancel?.());
}
