import type { SessionId } from '../protocol/index.js';
import type { RefusedPush } from './intake.js';

export type EndReason =
  | 'finish'
  | 'timeout-close'
  | 'server-abort'
  | 'client-abort'
  | 'stopped'
  | 'done'
  | 'lost'
  | 'auth-error'
  | 'start-error'
  | 'connection-error';

export type FailureStage = 'malformed' | 'markup' | 'save' | 'stopped' | 'session-ended';

export interface SessionSummary {
  sessionId?: SessionId;
  end: { reason: EndReason; message?: string };
  /** Every file the platform pushed, in arrival order. */
  received: string[];
  /** Sent at least once. */
  sent: string[];
  accepted: string[];
  rejected: string[];
  /** Sent after the client-side deadline. */
  late: string[];
  /** Sent without markup because the markup failed or ran out of time (policy `send-unmarked`). */
  unmarked: string[];
  /** Saved, deliberately not sent (only-save mode). */
  kept: string[];
  /** No answer was sent: malformed essay, `skip` policy, session over, Ctrl+C. */
  failed: string[];
  /** Sent, no answer from the platform yet (kept in the outgoing store). */
  unacknowledged: string[];
  reasons: Record<string, string>;
  /** Pushes refused (not a file of this session, or malformed), earlier processes' too: saved raw, never answered. */
  refused?: RefusedPush[];
  /** `files/sessions/{sessionId}` when the session id is known. */
  dir?: string;
  /** When the first process began working on this session. */
  startedAt: string;
  endedAt?: string;
  /** Processes that worked on this session (a start, then each resume), when more than one. */
  runs?: number;
}

export type SummaryList =
  'received' | 'sent' | 'accepted' | 'rejected' | 'late' | 'unmarked' | 'kept' | 'failed';

/** A file ends in exactly one of these; a later end (a resume accepting a failed file) replaces an earlier one. */
const TERMINAL: readonly SummaryList[] = ['accepted', 'rejected', 'kept', 'failed'];

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
Per-file outcomes, built from the session's events, live or replayed from `client-log.jsonl`.
Sets keep each file id once whatever arrives twice.
*/
export class SummaryState {
  readonly lists: Record<SummaryList, Set<string>> = {
    received: new Set<string>(),
    sent: new Set<string>(),
    accepted: new Set<string>(),
    rejected: new Set<string>(),
    late: new Set<string>(),
    unmarked: new Set<string>(),
    kept: new Set<string>(),
    failed: new Set<string>(),
  };
  /** The reason of a file and the list it explains. */
  readonly reasons = new Map<string, { list: SummaryList; text: string }>();

  add(list: SummaryList, fileId: string, reason?: string): void {
    if (TERMINAL.includes(list))
      for (const other of TERMINAL) if (other !== list) this.lists[other].delete(fileId);
    this.lists[list].add(fileId);
    if (reason !== undefined) this.reasons.set(fileId, { list, text: reason });
  }

  /** Applies one session event (a `SessionEvents` name and payload, or a record read back from disk). */
  apply(event: string, payload: Record<string, unknown>): void {
    const fileId = text(payload.fileId);
    if (fileId === undefined) return;
    switch (event) {
      case 'file-received':
        return this.add('received', fileId);
      case 'file-marked':
        if (payload.outcome === 'unmarked') this.add('unmarked', fileId, text(payload.reason) ?? '');
        if (payload.outcome === 'kept') this.add('kept', fileId);
        return;
      case 'file-sent':
        this.add('sent', fileId);
        if (payload.late === true) this.add('late', fileId);
        return;
      case 'file-accepted':
        return this.add('accepted', fileId);
      case 'file-rejected':
        return this.add('rejected', fileId, text(payload.message) ?? '');
      case 'file-failed':
        return this.add(
          'failed',
          fileId,
          `${text(payload.stage) ?? 'unknown'}: ${text(payload.message) ?? ''}`,
        );
    }
  }

  /** Folds `later` in: informational lists add up, a file's end state and reason are the later ones. */
  mergeFrom(later: SummaryState): void {
    for (const list of Object.keys(later.lists) as SummaryList[])
      for (const fileId of later.lists[list]) this.add(list, fileId);
    for (const [fileId, reason] of later.reasons) this.reasons.set(fileId, reason);
  }
}

/**
Collects the outcomes of this process (`has`, `count`: what this process has seen) on top of
those of earlier processes of the same session (`restore`), so that a resumed session's summary
covers the whole session.
*/
export class SummaryBuilder {
  sessionId: SessionId | undefined;
  dir: string | undefined;
  #startedAt = new Date().toISOString();
  #runs = 1;
  readonly #current = new SummaryState();
  /** Pushes this process refused (see `Intake`). */
  readonly refused: RefusedPush[] = [];
  #previous: SummaryState | undefined;

  /** When this process began, or the first process of the session once `restore` knows it. */
  get startedAt(): string {
    return this.#startedAt;
  }

  has(list: SummaryList, fileId: string): boolean {
    return this.#current.lists[list].has(fileId);
  }

  count(list: SummaryList): number {
    return this.#current.lists[list].size;
  }

  add(list: SummaryList, fileId: string, reason?: string): void {
    this.#current.add(list, fileId, reason);
  }

  /** An earlier process got this file accepted (or kept it, in only-save mode). */
  answeredEarlier(fileId: string): boolean {
    const lists = this.#previous?.lists;
    return lists !== undefined && (lists.accepted.has(fileId) || lists.kept.has(fileId));
  }

  apply(event: string, payload: Record<string, unknown>): void {
    this.#current.apply(event, payload);
  }

  /** Outcomes of earlier processes, replayed from their records; `runs` of them, the first began at `startedAt`. */
  restore(previous: SummaryState, info: { startedAt?: string; runs: number }): void {
    this.#previous = previous;
    if (info.startedAt !== undefined && info.startedAt < this.#startedAt) this.#startedAt = info.startedAt;
    this.#runs = info.runs + 1;
  }

  /** The whole session so far: earlier processes' outcomes with this one's on top. */
  merged(): SummaryState {
    const state = new SummaryState();
    if (this.#previous) state.mergeFrom(this.#previous);
    state.mergeFrom(this.#current);
    return state;
  }

  build(end: SessionSummary['end']): SessionSummary {
    const state = this.merged();
    const l = state.lists;
    const ids = (s: Set<string>) => [...s];
    const reasons: Record<string, string> = {};
    for (const [fileId, reason] of state.reasons) {
      // A failure or rejection that a later answer made good no longer explains anything.
      if (!TERMINAL.includes(reason.list) || l[reason.list].has(fileId)) reasons[fileId] = reason.text;
    }
    return {
      ...(this.sessionId !== undefined ? { sessionId: this.sessionId } : {}),
      end,
      received: ids(l.received),
      sent: ids(l.sent),
      accepted: ids(l.accepted),
      rejected: ids(l.rejected),
      late: ids(l.late),
      unmarked: ids(l.unmarked),
      kept: ids(l.kept),
      failed: ids(l.failed),
      unacknowledged: ids(l.sent).filter((id) => !l.accepted.has(id) && !l.rejected.has(id)),
      reasons,
      ...(this.refused.length > 0 ? { refused: [...this.refused] } : {}),
      ...(this.dir !== undefined ? { dir: this.dir } : {}),
      startedAt: this.#startedAt,
      endedAt: new Date().toISOString(),
      ...(this.#runs > 1 ? { runs: this.#runs } : {}),
    };
  }
}

/**
Whether the session did its job: it ended normally, every received file was accepted
(or, in only-save mode, kept) and no push was refused. The CLI exits 0 only then.
*/
export function summaryOk(summary: SessionSummary): boolean {
  const normalEnd =
    summary.end.reason === 'finish' ||
    summary.end.reason === 'timeout-close' ||
    summary.end.reason === 'done';
  if (!normalEnd || summary.received.length === 0) return false;
  // A push refused is a file that may count for the platform and was not answered.
  if ((summary.refused?.length ?? 0) > 0) return false;
  const answered = new Set([...summary.accepted, ...summary.kept]);
  return summary.received.every((id) => answered.has(id));
}
