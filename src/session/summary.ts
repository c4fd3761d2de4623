import type { SessionId } from '../protocol/index.js';

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
  /** `files/sessions/{sessionId}` when the session id is known. */
  dir?: string;
  startedAt: string;
  endedAt?: string;
}

export type SummaryList =
  'received' | 'sent' | 'accepted' | 'rejected' | 'late' | 'unmarked' | 'kept' | 'failed';

/** Collects per-file outcomes; sets keep each file id once whatever arrives twice. */
export class SummaryBuilder {
  sessionId: SessionId | undefined;
  dir: string | undefined;
  readonly #startedAt = new Date().toISOString();
  readonly #lists: Record<SummaryList, Set<string>> = {
    received: new Set<string>(),
    sent: new Set<string>(),
    accepted: new Set<string>(),
    rejected: new Set<string>(),
    late: new Set<string>(),
    unmarked: new Set<string>(),
    kept: new Set<string>(),
    failed: new Set<string>(),
  };
  readonly #reasons = new Map<string, string>();

  has(list: SummaryList, fileId: string): boolean {
    return this.#lists[list].has(fileId);
  }

  count(list: SummaryList): number {
    return this.#lists[list].size;
  }

  add(list: SummaryList, fileId: string, reason?: string): void {
    this.#lists[list].add(fileId);
    if (reason !== undefined) this.#reasons.set(fileId, reason);
  }

  build(end: SessionSummary['end']): SessionSummary {
    const l = this.#lists;
    const ids = (s: Set<string>) => [...s];
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
      reasons: Object.fromEntries(this.#reasons),
      ...(this.dir !== undefined ? { dir: this.dir } : {}),
      startedAt: this.#startedAt,
      endedAt: new Date().toISOString(),
    };
  }
}

/**
Whether the session did its job: it ended normally and every received file was accepted
(or, in only-save mode, kept). The CLI exits 0 only then.
*/
export function summaryOk(summary: SessionSummary): boolean {
  const normalEnd =
    summary.end.reason === 'finish' ||
    summary.end.reason === 'timeout-close' ||
    summary.end.reason === 'done';
  if (!normalEnd || summary.received.length === 0) return false;
  const answered = new Set([...summary.accepted, ...summary.kept]);
  return summary.received.every((id) => answered.has(id));
}
