import { readFile } from 'node:fs/promises';
import type { SessionType, StartParams } from '../protocol/index.js';
import type { DatasetEntry } from './dataset.js';
import type { EndType, PushedFile, SessionState } from './session-state.js';

/** `pending` only appears in a snapshot of a running session: no answer yet, deadline not passed. */
export type FileStatus = 'on-time' | 'late' | 'missing' | 'invalid' | 'pending';

export interface FileReport {
  fileId: string;
  index: number;
  subject: string;
  lang: 'rus' | 'eng';
  pushedAt: string;
  deadline: string;
  /** The file reached a connection (by its push or by a repeat). */
  delivered: boolean;
  /** When the answer that counts arrived. */
  answeredAt: string | null;
  status: FileStatus;
  /** Why the answers were rejected, for `invalid`: the last rejection's message. */
  reason?: string;
  /** Accepted answers, the counting one included. */
  answers: number;
  /** Answers refused as invalid. */
  rejected: number;
  /** Its deadline passed while the platform was down (and no answer had come before). */
  missedWhileDown?: true;
  /** What `scoreAnswer` returned for the counting answer. */
  score?: unknown;
  scoreError?: string;
}

export interface ReportTotals {
  planned: number;
  pushed: number;
  onTime: number;
  late: number;
  missing: number;
  invalid: number;
  pending: number;
}

export interface SessionReport {
  sessionId: number;
  tokenHash: string;
  type: SessionType;
  params: StartParams | null;
  /** Seconds per file before the time scale. */
  fileTimeSec: number;
  timeScale: number;
  startedAt: string;
  endedAt: string | null;
  end: { type: EndType; message?: string } | null;
  /** Restarts of the platform during the session: when, since when it was down, deadlines missed. */
  restarts?: { at: string; downSince: string; deadlinesMissed: string[] }[];
  files: FileReport[];
  totals: ReportTotals;
  /** What `scoreSession` returned. */
  score?: unknown;
  scoreError?: string;
}

export interface ScoredFile {
  fileId: string;
  subject: string;
  lang: 'rus' | 'eng';
}

/**
Scores one counting answer against the experts' markups of the essay. The scoring module plugs
in here; the result is stored as the file's `score` in the report.
*/
export type ScoreAnswerHook = (
  answer: Record<string, unknown>,
  experts: Record<string, unknown>[],
  file: ScoredFile,
) => unknown;

/** Scores the whole session from its file reports (with their `score`s); stored as `score`. */
export type ScoreSessionHook = (files: readonly FileReport[], totals: ReportTotals) => unknown;

export interface ReportContext {
  now: number;
  timeScale: number;
  experts: (entry: DatasetEntry) => Promise<Record<string, unknown>[]>;
  scoreAnswer?: ScoreAnswerHook;
  scoreSession?: ScoreSessionHook;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function statusOf(file: PushedFile, ended: boolean, now: number): FileStatus {
  if (file.counting !== undefined) return file.counting.late ? 'late' : 'on-time';
  if (file.rejected.length > 0) return 'invalid';
  return !ended && now < file.deadline ? 'pending' : 'missing';
}

async function scoreFile(file: PushedFile, out: FileReport, ctx: ReportContext): Promise<void> {
  if (ctx.scoreAnswer === undefined || file.counting === undefined) return;
  try {
    const answer = JSON.parse(await readFile(file.counting.path, 'utf8')) as Record<string, unknown>;
    const experts = await ctx.experts(file.entry);
    out.score = await ctx.scoreAnswer(answer, experts, {
      fileId: file.fileId,
      subject: file.entry.subject,
      lang: file.entry.lang,
    });
  } catch (error) {
    // A failing scorer must not cost the session its report.
    out.scoreError = errorText(error);
  }
}

/** The report of a session: final once the session has ended, a snapshot before that. */
export async function buildReport(state: SessionState, ctx: ReportContext): Promise<SessionReport> {
  const ended = state.end !== undefined;
  const files: FileReport[] = [];
  const totals: ReportTotals = {
    planned: state.planned,
    pushed: state.files.length,
    onTime: 0,
    late: 0,
    missing: 0,
    invalid: 0,
    pending: 0,
  };
  for (const file of state.files) {
    const status = statusOf(file, ended, ctx.now);
    const out: FileReport = {
      fileId: file.fileId,
      index: file.index,
      subject: file.entry.subject,
      lang: file.entry.lang,
      pushedAt: iso(file.pushedAt),
      deadline: iso(file.deadline),
      delivered: file.delivered,
      answeredAt: file.counting === undefined ? null : iso(file.counting.at),
      status,
      answers: file.accepted.length,
      rejected: file.rejected.length,
    };
    if (state.restarts.some((r) => r.deadlinesMissed.includes(file.fileId))) out.missedWhileDown = true;
    const lastRejection = file.rejected[file.rejected.length - 1];
    if (status === 'invalid' && lastRejection !== undefined) out.reason = lastRejection.reason;
    await scoreFile(file, out, ctx);
    files.push(out);
    const key = status === 'on-time' ? 'onTime' : status;
    totals[key] += 1;
  }
  const report: SessionReport = {
    sessionId: state.id,
    tokenHash: state.tokenHash,
    type: state.type,
    params: state.params ?? null,
    fileTimeSec: state.fileTimeSec,
    timeScale: ctx.timeScale,
    startedAt: iso(state.startedAt),
    endedAt: state.end === undefined ? null : iso(state.end.at),
    end:
      state.end === undefined
        ? null
        : {
            type: state.end.type,
            ...(state.end.message !== undefined ? { message: state.end.message } : {}),
          },
    ...(state.restarts.length > 0 && {
      restarts: state.restarts.map((r) => ({
        at: iso(r.at),
        downSince: iso(r.downSince),
        deadlinesMissed: r.deadlinesMissed,
      })),
    }),
    files,
    totals,
  };
  if (ctx.scoreSession !== undefined) {
    try {
      report.score = await ctx.scoreSession(files, totals);
    } catch (error) {
      report.scoreError = errorText(error);
    }
  }
  return report;
}
