import type { Logger } from '../log/index.js';
import { ServerEvent, checkStartRequest, isFileId, isSessionId, parseClient } from '../protocol/index.js';
import type { SessionId } from '../protocol/index.js';
import { takeAnswer } from './answer-intake.js';
import { ClientLogs } from './client-logs.js';
import { answerRepeat } from './file-repeat.js';
import type { ClientConnection } from './connection.js';
import type { Dataset } from './dataset.js';
import type { ResolvedOptions } from './options.js';
import { logText, storageFailure } from './log-text.js';
import { PlatformEvent } from './platform-events.js';
import type { PlatformEmitter } from './platform-events.js';
import { buildReport } from './report.js';
import type { SessionReport } from './report.js';
import { journalWriter } from './session-journal.js';
import { restoreSessions } from './session-restore.js';
import { SessionRunner } from './session-runner.js';
import { planSession } from './session-plan.js';
import { SessionState } from './session-state.js';
import type { EndType } from './session-state.js';
import type { PlatformStore } from './store.js';
import type { TokenRegistry } from './token-registry.js';

export interface PlatformSessionSummary {
  sessionId: number;
  tokenHash: string;
  type: string;
  active: boolean;
  pushed: number;
  planned: number;
  end: EndType | null;
}

interface EndedNote {
  sessionId: number;
  type: EndType;
  message?: string;
  /** A lost session is told to the token's next connection once. */
  told: boolean;
}

const sameId = (a: SessionId, b: number): boolean => String(a) === String(b);

/**
The sessions of every token: starts them, routes answers, repeats and aborts to the token's
session, and ends them. Sessions belong to the token, not to the socket: any connection with
the token acts on the token's active session.
*/
export class SessionManager {
  private readonly active = new Map<string, SessionRunner>();
  private readonly all = new Map<number, SessionRunner>();
  private readonly ended = new Map<string, EndedNote>();
  private readonly starting = new Set<string>();
  private readonly clientLogs: ClientLogs;
  /** Set by `shutdown`: a session started after it began would never be ended nor reported. */
  private shuttingDown = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly dataset: Dataset,
    private readonly store: PlatformStore,
    private readonly registry: TokenRegistry<ClientConnection>,
    private readonly events: PlatformEmitter,
    private readonly log: Logger,
    private nextId: number,
  ) {
    this.clientLogs = new ClientLogs(options, store, registry, log);
  }

  private ms(seconds: number): number {
    return seconds * 1000 * this.options.timeScale;
  }

  /** A connection passed authentication; it takes over the token and joins its active session. */
  connect(token: string, conn: ClientConnection): void {
    const previous = this.registry.claim(token, conn);
    previous?.kick('another connection with this token has taken over; this one is closed');
    const runner = this.active.get(token);
    const hash = this.registry.hash(token);
    this.log.info(
      { tokenHash: hash },
      `client ${hash} connected${previous ? ' (took over an older connection)' : ''}`,
    );
    if (runner !== undefined) {
      runner.attached();
      conn.emit(ServerEvent.reconnectSuccess, { sessionId: runner.id });
      this.log.info({ sessionId: runner.id }, `client ${hash} attached to session ${runner.id}`);
    } else {
      const note = this.ended.get(token);
      if (note?.type === 'lost' && !note.told) {
        note.told = true;
        conn.emit(ServerEvent.autoReconnectError, { message: this.endedText(note) });
      }
    }
    this.events.emit(PlatformEvent.connectionOpened, {
      connectionId: conn.id,
      tokenHash: hash,
      ...(runner ? { sessionId: runner.id } : {}),
    });
  }

  disconnect(token: string, conn: ClientConnection, reason: string): void {
    const wasLive = this.registry.release(token, conn);
    const hash = this.registry.hash(token);
    this.log.info({ tokenHash: hash }, `client ${hash} disconnected (${reason})`);
    const runner = this.active.get(token);
    runner?.state.unconfirm(conn.id);
    if (wasLive) runner?.detached();
    this.events.emit(PlatformEvent.connectionClosed, { connectionId: conn.id, tokenHash: hash, reason });
  }

  private endedText(note: EndedNote): string {
    const why = note.message ? `: ${logText(note.message)}` : '';
    return `session ${note.sessionId} has ended (${note.type}${why})`;
  }

  private noSessionText(token: string): string {
    const note = this.ended.get(token);
    return note
      ? `no active session for this token; ${this.endedText(note)}`
      : 'no active session for this token';
  }

  async start(token: string, conn: ClientConnection, raw: unknown): Promise<void> {
    const fail = (message: string) => {
      this.log.warn({ tokenHash: this.registry.hash(token) }, `session-start refused: ${logText(message)}`);
      conn.emit(ServerEvent.startError, { message });
    };
    const check = checkStartRequest(raw);
    if (!check.ok) return fail(check.message);
    if (this.shuttingDown) return fail('the platform is shutting down: no new session can start');
    const running = this.active.get(token);
    if (running !== undefined) {
      return fail(`session ${running.id} is still active: finish or abort it before starting another`);
    }
    if (this.starting.has(token)) return fail('a session-start for this token is already being handled');
    const plan = planSession(check.value, this.dataset, this.options);
    if ('error' in plan) return fail(plan.error);
    this.starting.add(token);
    let contents: Record<string, unknown>[];
    try {
      contents = await Promise.all(
        plan.entries.map((e) =>
          this.dataset.essay(e).catch((error: unknown) => {
            throw Object.assign(new Error(`essay ${e.id} (${e.split})`), { cause: error });
          }),
        ),
      );
    } catch (error) {
      this.log.error({ err: (error as Error).cause }, 'session-start: the dataset could not be read');
      // The client learns which essay, never where the server keeps it.
      return fail(`the platform cannot read its dataset: ${(error as Error).message} cannot be read`);
    } finally {
      this.starting.delete(token);
    }
    if (this.shuttingDown) return fail('the platform is shutting down: no new session can start');
    const id = this.nextId++;
    const state = new SessionState(
      id,
      this.registry.hash(token),
      check.value.type,
      plan.params,
      plan.fileTimeSec,
      this.ms(plan.fileTimeSec),
      this.options.clock.now(),
      plan.entries.map((entry, i) => ({ entry, content: contents[i] ?? {} })),
    );
    const runner = this.runnerFor(token, state);
    runner.record({
      t: 'start',
      id,
      tokenHash: state.tokenHash,
      type: state.type,
      params: state.params ?? null,
      fileTimeSec: state.fileTimeSec,
      fileTimeMs: state.fileTimeMs,
      startedAt: state.startedAt,
      plan: plan.entries,
    });
    this.active.set(token, runner);
    this.all.set(id, runner);
    this.ended.delete(token);
    const detail = plan.params ? ` ${JSON.stringify(plan.params)}` : '';
    this.log.info(
      { sessionId: id },
      `session ${id} started: ${state.type}${detail}, ${state.planned} files, ${plan.fileTimeSec} s per file`,
    );
    conn.emit(ServerEvent.startSuccess, { sessionId: id });
    this.events.emit(PlatformEvent.sessionStarted, {
      sessionId: id,
      tokenHash: state.tokenHash,
      type: state.type,
      files: state.planned,
    });
    runner.begin();
  }

  private runnerFor(token: string, state: SessionState): SessionRunner {
    return new SessionRunner(state, {
      clock: this.options.clock,
      timeoutCloseMs: this.ms(this.options.timeoutCloseSec),
      pushIntervalMs:
        this.options.pushIntervalSec === undefined ? undefined : this.ms(this.options.pushIntervalSec),
      reconnectWindowMs: this.ms(this.options.reconnectWindowSec),
      events: this.events,
      log: this.log,
      connection: () => this.registry.current(token),
      finalize: (s) => this.finalize(s),
      onClosing: (r) => this.closing(token, r),
      journal: journalWriter(this.store.journalPath(state.id), (error) =>
        this.log.error(
          { err: error, sessionId: state.id },
          `session ${state.id}: journal not written (${storageFailure(error)}); it would not survive a restart`,
        ),
      ),
    });
  }

  /**
  Takes back the sessions that were active when the platform stopped (their journals in the
  store), before any connection is served; writes the reports of sessions that ended without one.
  */
  async restore(): Promise<void> {
    const deps = { store: this.store, dataset: this.dataset, tokens: this.options.tokens, log: this.log };
    await restoreSessions(
      { ...deps, hash: (t) => this.registry.hash(t), now: this.options.clock.now() },
      {
        runnerFor: (token, state) => this.runnerFor(token ?? `\u0000${state.tokenHash}`, state),
        adopt: (token, runner) => {
          this.all.set(runner.id, runner);
          if (token !== undefined) this.active.set(token, runner);
        },
        ended: (token, state) => {
          if (token !== undefined && state.end !== undefined)
            this.ended.set(token, { sessionId: state.id, type: state.end.type, told: true });
        },
        finalize: (state) => this.finalize(state),
      },
    );
  }

  private closing(token: string, runner: SessionRunner): void {
    if (this.active.get(token) === runner) this.active.delete(token);
    const end = runner.state.end;
    if (end !== undefined) {
      this.ended.set(token, {
        sessionId: runner.id,
        type: end.type,
        told: false,
        ...(end.message !== undefined ? { message: end.message } : {}),
      });
    }
  }

  private async finalize(state: SessionState): Promise<SessionReport> {
    const report = await buildReport(state, this.reportContext());
    try {
      await this.store.writeJson(this.store.reportPath(state.id), report);
    } catch (error) {
      this.log.error({ err: error, sessionId: state.id }, `session ${state.id}: report not written`);
    }
    const t = report.totals;
    this.log.info(
      { sessionId: state.id },
      `session ${state.id} report: ${t.onTime} on time, ${t.late} late, ${t.invalid} invalid, ${t.missing} missing of ${t.pushed} pushed`,
    );
    return report;
  }

  private reportContext() {
    return {
      now: this.options.clock.now(),
      timeScale: this.options.timeScale,
      experts: (entry: Parameters<Dataset['experts']>[0]) => this.dataset.experts(entry),
      scoreAnswer: this.options.scoreAnswer,
      scoreSession: this.options.scoreSession,
    };
  }

  async fileSend(token: string, conn: ClientConnection, raw: unknown): Promise<void> {
    const at = this.options.clock.now();
    const rawRecord = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const runner = this.active.get(token);
    const echoSession: SessionId =
      runner?.id ?? (isSessionId(rawRecord.sessionId) ? rawRecord.sessionId : '');
    // A malformed id is not echoed: clients pass file ids to shells and file names.
    const echoFile = isFileId(rawRecord.fileId) ? rawRecord.fileId : '';
    const fail = (message: string, fileId = echoFile, sessionId = echoSession) => {
      this.log.warn(
        { tokenHash: this.registry.hash(token), sessionId },
        `answer for file ${fileId || '?'} refused: ${logText(message)}`,
      );
      conn.emit(ServerEvent.fileSendError, { sessionId, fileId, message });
    };
    const parsed = parseClient.fileSend(raw);
    if (!parsed.ok) return fail(parsed.error);
    const { sessionId, fileId, content } = parsed.value;
    if (runner === undefined) return fail(`${this.noSessionText(token)}; nothing can be sent`);
    if (sessionId !== false && sessionId !== undefined && !sameId(sessionId, runner.id)) {
      return fail(`sessionId ${JSON.stringify(sessionId)} is not this token's active session (${runner.id})`);
    }
    const file = runner.state.find(fileId);
    if (file === undefined) return fail(`file ${fileId} was not pushed in session ${runner.id}`);
    await runner.enqueue(() =>
      takeAnswer(
        { store: this.store, events: this.events, log: this.log, timeScale: this.options.timeScale },
        { runner, file, content, at, conn, fail: (message) => fail(message) },
      ),
    );
  }

  fileRepeat(token: string, conn: ClientConnection, raw: unknown): void {
    answerRepeat(this.active.get(token), conn, raw, {
      log: this.log,
      now: this.options.clock.now(),
      noSession: () => this.noSessionText(token),
    });
  }

  reconnect(token: string, conn: ClientConnection): void {
    const runner = this.active.get(token);
    if (runner === undefined) {
      conn.emit(ServerEvent.reconnectError, { message: this.noSessionText(token) });
      return;
    }
    runner.attached();
    conn.emit(ServerEvent.reconnectSuccess, { sessionId: runner.id });
  }

  clientAbort(token: string, conn: ClientConnection, raw: unknown): void {
    const parsed = parseClient.clientAbort(raw);
    if (!parsed.ok) {
      conn.emit(ServerEvent.clientAbortError, { message: parsed.error });
      return;
    }
    const runner = this.active.get(token);
    if (runner === undefined) {
      conn.emit(ServerEvent.clientAbortError, { message: `${this.noSessionText(token)}; nothing to abort` });
      return;
    }
    const { sessionId, message } = parsed.value;
    if (sessionId !== undefined && !sameId(sessionId, runner.id)) {
      conn.emit(ServerEvent.clientAbortError, {
        message: `sessionId ${JSON.stringify(sessionId)} is not this token's active session (${runner.id})`,
      });
      return;
    }
    void runner.finish('client-abort', message ?? 'aborted by the client');
    conn.emit(ServerEvent.clientAbortSuccess, { message: `session ${runner.id} aborted` });
  }

  logsSend(token: string, conn: ClientConnection, raw: unknown): Promise<void> {
    const sessionId = this.active.get(token)?.id ?? this.ended.get(token)?.sessionId ?? null;
    return this.clientLogs.send(token, conn, raw, sessionId);
  }

  /** Ends a session from the server side: by token or by session id. Resolves with its report. */
  async abort(key: string | number, message = 'aborted by the platform'): Promise<SessionReport | undefined> {
    const runner =
      (typeof key === 'string' ? this.active.get(key) : undefined) ??
      [...this.active.values()].find((r) => sameId(key, r.id));
    if (runner === undefined) return undefined;
    return runner.finish('server-abort', message);
  }

  /** Aborts every active session and waits for every report, those of sessions closed just before too. */
  async shutdown(message: string): Promise<void> {
    this.shuttingDown = true;
    await Promise.allSettled(
      [...this.all.values()].map((r) => (r.closed ? r.done : r.finish('server-abort', message))),
    );
  }

  async report(sessionId: number): Promise<SessionReport | undefined> {
    const runner = this.all.get(sessionId);
    if (runner === undefined) return (await this.store.readReport(sessionId)) as SessionReport | undefined;
    if (runner.closed) return runner.done;
    return buildReport(runner.state, this.reportContext());
  }

  sessions(): PlatformSessionSummary[] {
    return [...this.all.values()].map((r) => ({
      sessionId: r.id,
      tokenHash: r.state.tokenHash,
      type: r.state.type,
      active: !r.closed,
      pushed: r.state.files.length,
      planned: r.state.planned,
      end: r.state.end?.type ?? null,
    }));
  }
}
