import type { SessionType, StartParams } from '../protocol/index.js';
import type { DatasetEntry } from './dataset.js';

/** How a session ended. `lost` = no connection for longer than the reconnect window. */
export type EndType = 'finish' | 'timeout-close' | 'client-abort' | 'server-abort' | 'lost';

/** One answer the platform accepted (stored on disk). */
export interface AcceptedAnswer {
  at: number;
  late: boolean;
  /** Where it was stored. */
  path: string;
}

export interface RejectedAnswer {
  at: number;
  reason: string;
}

/** A file the session has pushed, with everything that happened to it since. */
export interface PushedFile {
  readonly fileId: string;
  /** 0-based position in the session. */
  readonly index: number;
  readonly entry: DatasetEntry;
  readonly content: Record<string, unknown>;
  readonly pushedAt: number;
  readonly deadline: number;
  /** Sent to a connection at least once (by the push itself or by a repeat). */
  delivered: boolean;
  /** The connection it was last sent to. */
  deliveredTo?: string | undefined;
  /** Last sent over a connection that has gone away before an answer came: maybe never arrived. */
  unconfirmed?: boolean;
  accepted: AcceptedAnswer[];
  rejected: RejectedAnswer[];
  /** The answer that counts: the latest on-time one, else the latest late one. */
  counting: AcceptedAnswer | undefined;
}

export interface PlannedFile {
  entry: DatasetEntry;
  content: Record<string, unknown>;
}

/** A restart of the platform that found this session active (docs/protocol.md, local platform). */
export interface RestartNote {
  at: number;
  /** The session's last journal record before the restart: the platform was up until then. */
  downSince: number;
  /** Files whose deadline passed while the platform was down, unanswered at the restart. */
  deadlinesMissed: string[];
}

export interface SessionEnd {
  type: EndType;
  at: number;
  message?: string;
}

/**
Everything the platform knows about one session, without timers or sockets, so the rules
(what is late, which answer counts, which file a repeat returns) can be read in one place.
*/
export class SessionState {
  readonly files: PushedFile[] = [];
  end: SessionEnd | undefined;
  readonly restarts: RestartNote[] = [];

  constructor(
    readonly id: number,
    readonly tokenHash: string,
    readonly type: SessionType,
    readonly params: StartParams | undefined,
    /** Seconds per file as the session was asked for (before the time scale). */
    readonly fileTimeSec: number,
    /** The same, in clock milliseconds (after the time scale). */
    readonly fileTimeMs: number,
    readonly startedAt: number,
    private readonly plan: readonly PlannedFile[],
  ) {}

  get planned(): number {
    return this.plan.length;
  }

  get allPushed(): boolean {
    return this.files.length >= this.plan.length;
  }

  /** Pushes the next planned file at `now`; its deadline starts running. */
  pushNext(now: number): PushedFile | undefined {
    return this.pushAt(now, now + this.fileTimeMs);
  }

  /** The next planned file as pushed at `at` with `deadline` (replaying a journal after a restart). */
  pushAt(at: number, deadline: number): PushedFile | undefined {
    const next = this.plan[this.files.length];
    if (next === undefined) return undefined;
    const file: PushedFile = {
      fileId: next.entry.id,
      index: this.files.length,
      entry: next.entry,
      content: next.content,
      pushedAt: at,
      deadline,
      delivered: false,
      accepted: [],
      rejected: [],
      counting: undefined,
    };
    this.files.push(file);
    return file;
  }

  find(fileId: string): PushedFile | undefined {
    return this.files.find((f) => f.fileId === fileId);
  }

  /** An answer arriving at the deadline or after it is late. */
  isLate(file: PushedFile, at: number): boolean {
    return at >= file.deadline;
  }

  /**
  Whether an answer at `at` would replace the counting one. The latest on-time answer counts; a
  late one counts only while no on-time answer exists, so a late re-send never spoils a good one.
  */
  wouldCount(file: PushedFile, at: number): boolean {
    return !this.isLate(file, at) || file.counting === undefined || file.counting.late;
  }

  recordAccepted(file: PushedFile, answer: AcceptedAnswer): void {
    file.accepted.push(answer);
    if (!answer.late || file.counting === undefined || file.counting.late) file.counting = answer;
  }

  recordRejected(file: PushedFile, at: number, reason: string): void {
    file.rejected.push({ at, reason });
  }

  /** How many answers were refused for the file so far (numbers the kept copies). */
  fileAttempts(file: PushedFile): number {
    return file.rejected.length;
  }

  /** Every planned file is pushed and every pushed file has an accepted answer. */
  get allAnswered(): boolean {
    return this.allPushed && this.files.every((f) => f.counting !== undefined);
  }

  /**
  A connection went away: the unanswered files last sent over it may have been lost on the line
  (a cut swallows the pushes the socket still took), so they are no longer known to be held.
  */
  unconfirm(connId: string): void {
    for (const f of this.files)
      if (f.deliveredTo === connId && f.counting === undefined) f.unconfirmed = true;
  }

  /**
  What `session-file-repeat` returns: the oldest unanswered file that the client does not hold
  (`missed: true`), else the newest pushed file again (`missed: false`). The client does not
  hold a file that never reached a connection, nor one pushed after its `lastFileId` (a push
  can reach a client that dies before saving it, so "delivered" alone would lose that file),
  nor one last sent over a connection that has gone away since (see `unconfirm`). The client
  ignores a file it already holds, so sending one again costs nothing.
  */
  repeatTarget(lastFileId?: string): { file: PushedFile; missed: boolean } | undefined {
    const last = lastFileId === undefined ? -1 : this.files.findIndex((f) => f.fileId === lastFileId);
    const notHeld = (f: PushedFile, i: number) =>
      !f.delivered || f.unconfirmed === true || (last >= 0 && i > last);
    const missed = this.files.find((f, i) => f.counting === undefined && notHeld(f, i));
    if (missed !== undefined) return { file: missed, missed: true };
    const newest = this.files[this.files.length - 1];
    return newest === undefined ? undefined : { file: newest, missed: false };
  }
}
