import type { Logger } from '../log/index.js';
import { ServerEvent } from '../protocol/index.js';
import type { Clock, TimerHandle } from '../clock/index.js';
import { logText } from './log-text.js';
import type { ClientConnection } from './connection.js';
import type { PlatformEmitter } from './platform-events.js';
import { PlatformEvent } from './platform-events.js';
import type { SessionReport } from './report.js';
import type { JournalRecord, JournalWriter } from './session-journal.js';
import type { EndType, SessionState } from './session-state.js';

export interface RunnerDeps {
  clock: Clock;
  /** Milliseconds after the last push before `timeout-close`. */
  timeoutCloseMs: number;
  /** Milliseconds between pushes; `0` pushes every file at once. @default the file time */
  pushIntervalMs?: number | undefined;
  /** Milliseconds without a connection before the session is lost. */
  reconnectWindowMs: number;
  events: PlatformEmitter;
  log: Logger;
  /** The token's live connection, if any. */
  connection(): ClientConnection | undefined;
  /** Builds and stores the final report. */
  finalize(state: SessionState): Promise<SessionReport>;
  /** Called once, as soon as the session stops being active. */
  onClosing(runner: SessionRunner): void;
  /** The session's journal (what a restarted platform rebuilds it from). @default none */
  journal?: JournalWriter | undefined;
}

/**
Drives one session in time: pushes a file every `pushIntervalMs` (by default the file time; `0`
pushes them all at once; the first always goes at once), closes it
`timeoutCloseMs` after the last push unless every file is answered first, and loses it when no
connection is attached for `reconnectWindowMs`. Answers and the final report run through one
queue, so the report always sees every answer that was accepted before the session closed.
*/
export class SessionRunner {
  private pushTimer: TimerHandle | undefined;
  private closeTimer: TimerHandle | undefined;
  private windowTimer: TimerHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private resolveDone!: (report: SessionReport) => void;
  private rejectDone!: (error: unknown) => void;
  /** Resolves with the final report once it is written. */
  readonly done: Promise<SessionReport>;

  constructor(
    readonly state: SessionState,
    private readonly deps: RunnerDeps,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // Whoever awaits `done` sees a failure; nobody awaiting it must not crash the process.
    this.done.catch(() => undefined);
  }

  get id(): number {
    return this.state.id;
  }

  /** True from the moment the session ends: answers are refused from then on. */
  get closed(): boolean {
    return this.state.end !== undefined;
  }

  begin(): void {
    this.push();
    if (this.deps.connection() === undefined) this.detached();
  }

  /** Writes a record to the session's journal (before the event it records is sent). */
  record(record: JournalRecord): void {
    this.deps.journal?.(record);
  }

  /**
  Takes the session back after a platform restart: file deadlines stay where they were (wall
  time), the next push goes at its time or at once if it fell due while the platform was down,
  and the timers that end a session (timeout-close, the reconnect window) count from the
  restart, so the platform's own absence never closes a session.
  */
  resume(): void {
    const now = this.deps.clock.now();
    const last = this.state.files[this.state.files.length - 1];
    if (this.state.allAnswered) {
      this.finish('finish');
      return;
    }
    if (last === undefined) {
      this.push();
    } else if (!this.state.allPushed) {
      const interval = this.deps.pushIntervalMs ?? this.state.fileTimeMs;
      const due = Math.max(0, last.pushedAt + interval - now);
      if (interval === 0 || due === 0) this.push();
      else
        this.pushTimer = this.deps.clock.setTimeout(
          this.guarded('push', () => this.push()),
          due,
        );
    } else {
      this.closeTimer = this.deps.clock.setTimeout(
        this.guarded('timeout-close', () => this.finish('timeout-close')),
        this.deps.timeoutCloseMs,
      );
    }
    if (this.deps.connection() === undefined) this.detached();
  }

  /** Runs `task` after every task queued before it (answers, then the final report). */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private guarded(what: string, fn: () => void): () => void {
    return () => {
      try {
        fn();
      } catch (error) {
        this.deps.log.error({ err: error, sessionId: this.id }, `session timer failed: ${what}`);
      }
    };
  }

  private push(): void {
    const interval = this.deps.pushIntervalMs ?? this.state.fileTimeMs;
    if (!this.pushOne()) return;
    // A burst: every file, in order, in this turn of the event loop.
    if (interval === 0) while (!this.state.allPushed && this.pushOne());
    if (this.closed) return;
    if (!this.state.allPushed) {
      this.pushTimer = this.deps.clock.setTimeout(
        this.guarded('push', () => this.push()),
        interval,
      );
    } else {
      this.closeTimer = this.deps.clock.setTimeout(
        this.guarded('timeout-close', () => this.finish('timeout-close')),
        this.deps.timeoutCloseMs,
      );
    }
  }

  /** Pushes the next planned file to the attached connection; false when nothing was pushed. */
  private pushOne(): boolean {
    if (this.closed) return false;
    const { clock, log } = this.deps;
    const file = this.state.pushNext(clock.now());
    if (file === undefined) return false;
    const conn = this.deps.connection();
    this.record({
      t: 'push',
      i: file.index,
      fileId: file.fileId,
      at: file.pushedAt,
      deadline: file.deadline,
      delivered: conn !== undefined,
    });
    conn?.emit(ServerEvent.fileAvailable, { sessionId: this.id, fileId: file.fileId, content: file.content });
    file.delivered = conn !== undefined;
    file.deliveredTo = conn?.id;
    log.info(
      { sessionId: this.id, fileId: file.fileId },
      `file ${file.index + 1}/${this.state.planned} ${file.fileId} pushed${file.delivered ? '' : ' (no connection: not delivered)'}`,
    );
    this.deps.events.emit(PlatformEvent.filePushed, {
      sessionId: this.id,
      fileId: file.fileId,
      index: file.index,
      delivered: file.delivered,
      deadline: file.deadline,
    });
    return true;
  }

  /** Closes with `finish` once the last file is pushed and every pushed file is answered. */
  checkFinished(): void {
    if (!this.closed && this.state.allAnswered) this.finish('finish');
  }

  /** A connection is attached again: the reconnect window stops. */
  attached(): void {
    this.windowTimer?.cancel();
    this.windowTimer = undefined;
  }

  /** The last connection went away: the session is lost unless one attaches within the window. */
  detached(): void {
    if (this.closed || this.windowTimer !== undefined) return;
    const seconds = this.deps.reconnectWindowMs / 1000;
    this.windowTimer = this.deps.clock.setTimeout(
      this.guarded('reconnect window', () =>
        this.finish('lost', `no connection for longer than the reconnect window (${seconds} s)`),
      ),
      this.deps.reconnectWindowMs,
    );
  }

  /**
  Ends the session (idempotent) and tells the attached client: `session-close` for `finish` and
  `timeout-close`, `session-abort` for a server abort. A client abort is answered by the caller;
  a lost session has nobody to tell. Resolves with the written report.
  */
  finish(type: EndType, message?: string): Promise<SessionReport> {
    if (this.closed) return this.done;
    const { clock, log } = this.deps;
    this.state.end = { type, at: clock.now(), ...(message !== undefined ? { message } : {}) };
    this.record({ t: 'end', ...this.state.end });
    for (const timer of [this.pushTimer, this.closeTimer, this.windowTimer]) timer?.cancel();
    this.deps.onClosing(this);
    const conn = this.deps.connection();
    if (type === 'finish' || type === 'timeout-close') {
      conn?.emit(ServerEvent.close, { sessionId: this.id, type });
    } else if (type === 'server-abort') {
      conn?.emit(ServerEvent.abort, { sessionId: this.id, ...(message !== undefined ? { message } : {}) });
    }
    log.info(
      { sessionId: this.id },
      `session ${this.id} ended: ${type}${message ? ` (${logText(message)})` : ''}`,
    );
    void this.enqueue(async () => {
      const report = await this.deps.finalize(this.state);
      this.deps.events.emit(PlatformEvent.sessionEnded, { sessionId: this.id, type, report });
      this.resolveDone(report);
    }).catch((error: unknown) => {
      log.error({ err: error, sessionId: this.id }, `session ${this.id}: the report could not be built`);
      this.rejectDone(error);
    });
    return this.done;
  }
}
