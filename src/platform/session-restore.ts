import { stat } from 'node:fs/promises';
import type { Logger } from '../log/index.js';
import type { Dataset } from './dataset.js';
import { readJournals } from './session-journal.js';
import type { JournalFile, JournalRecord } from './session-journal.js';
import { SessionState } from './session-state.js';
import type { PlannedFile } from './session-state.js';
import type { SessionRunner } from './session-runner.js';
import type { PlatformStore } from './store.js';

/** A session rebuilt from its journal. */
export interface RebuiltSession {
  state: SessionState;
  /** The accepted token whose hash started it; undefined when no accepted token has that hash. */
  token: string | undefined;
  /** Ended before the restart; `reported` when its report is on disk already. */
  ended: boolean;
  reported: boolean;
  /** Why it cannot go on (its essays are gone from the dataset), if so. */
  broken?: string;
}

export interface RestoreDeps {
  store: PlatformStore;
  dataset: Dataset;
  tokens: readonly string[];
  hash(token: string): string;
  log: Logger;
  now: number;
}

const recordTime = (r: JournalRecord): number => (r.t === 'start' ? r.startedAt : r.at);

/**
Rebuilds every session of the store's journals (src/platform/README.md, "Across a restart").
Sessions that ended and have their report are skipped. An active one comes back with its files,
deadlines and answers; the files it had sent and not had answered are marked unconfirmed (the
connection they went over is gone), so the client's catch-up gets them again.
*/
export async function rebuildSessions(deps: RestoreDeps): Promise<RebuiltSession[]> {
  const out: RebuiltSession[] = [];
  for (const journal of await readJournals(deps.store.journalDir)) {
    const rebuilt = await rebuild(journal, deps).catch((error: unknown) => {
      deps.log.error({ err: error, sessionId: journal.id }, `session ${journal.id}: journal not replayed`);
      return undefined;
    });
    if (rebuilt !== undefined) out.push(rebuilt);
  }
  return out;
}

async function rebuild(journal: JournalFile, deps: RestoreDeps): Promise<RebuiltSession | undefined> {
  const [start, ...rest] = journal.records;
  if (start?.t !== 'start' || start.id !== journal.id) {
    deps.log.warn({ sessionId: journal.id }, `session ${journal.id}: journal has no start record; skipped`);
    return undefined;
  }
  const ended = rest.some((r) => r.t === 'end');
  const reported = ended && (await deps.store.readReport(journal.id)) !== undefined;
  const token = deps.tokens.find((t) => deps.hash(t) === start.tokenHash);
  if (reported) {
    const state = new SessionState(
      start.id,
      start.tokenHash,
      start.type,
      start.params ?? undefined,
      start.fileTimeSec,
      start.fileTimeMs,
      start.startedAt,
      [],
    );
    const end = rest.find((r) => r.t === 'end');
    if (end?.t === 'end')
      state.end = { type: end.type, at: end.at, ...(end.message ? { message: end.message } : {}) };
    return { state, token, ended, reported };
  }
  let broken: string | undefined;
  const plan: PlannedFile[] = [];
  for (const entry of start.plan) {
    const content = await deps.dataset.essay(entry).catch(() => undefined);
    if (content === undefined) broken ??= `essay ${entry.id} (${entry.split}) is no longer in the dataset`;
    plan.push({ entry, content: content ?? {} });
  }
  const state = new SessionState(
    start.id,
    start.tokenHash,
    start.type,
    start.params ?? undefined,
    start.fileTimeSec,
    start.fileTimeMs,
    start.startedAt,
    plan,
  );
  let downSince = start.startedAt;
  for (const r of rest) {
    downSince = Math.max(downSince, recordTime(r));
    replay(state, r);
  }
  // An answer stored just before a crash, whose journal line never made it: the file on disk counts.
  for (const file of state.files) {
    if (file.counting !== undefined) continue;
    const path = deps.store.answerPath(state.id, file.fileId);
    const stored = await stat(path).catch(() => undefined);
    if (stored !== undefined) {
      const at = stored.mtimeMs;
      state.recordAccepted(file, { at, late: state.isLate(file, at), path });
    }
  }
  if (!ended) {
    for (const file of state.files)
      if (file.counting === undefined && file.delivered) file.unconfirmed = true;
    state.restarts.push({
      at: deps.now,
      downSince,
      deadlinesMissed: state.files
        .filter((f) => f.counting === undefined && f.deadline > downSince && f.deadline <= deps.now)
        .map((f) => f.fileId),
    });
  }
  return { state, token, ended, reported, ...(broken !== undefined ? { broken } : {}) };
}

function replay(state: SessionState, r: JournalRecord): void {
  switch (r.t) {
    case 'push': {
      const file = state.pushAt(r.at, r.deadline);
      if (file !== undefined) file.delivered = r.delivered;
      return;
    }
    case 'deliver': {
      const file = state.find(r.fileId);
      if (file !== undefined) file.delivered = true;
      return;
    }
    case 'answer': {
      const file = state.find(r.fileId);
      if (file !== undefined) state.recordAccepted(file, { at: r.at, late: r.late, path: r.path });
      return;
    }
    case 'reject': {
      const file = state.find(r.fileId);
      if (file !== undefined) state.recordRejected(file, r.at, r.reason);
      return;
    }
    case 'restart':
      state.restarts.push({ at: r.at, downSince: r.downSince, deadlinesMissed: r.deadlinesMissed });
      return;
    case 'end':
      state.end = { type: r.type, at: r.at, ...(r.message !== undefined ? { message: r.message } : {}) };
      return;
    case 'start':
      return;
  }
}

/** What `restoreSessions` needs from the session manager. */
export interface RestoreHooks {
  runnerFor(token: string | undefined, state: SessionState): SessionRunner;
  /** Makes a rebuilt session the token's active one (no token: it is only being ended). */
  adopt(token: string | undefined, runner: SessionRunner): void;
  /** A session that had ended before the restart (the token's latest end, for its next client). */
  ended(token: string | undefined, state: SessionState): void;
  finalize(state: SessionState): Promise<unknown>;
}

/**
Rebuilds the store's sessions and takes the active ones back: each resumes its schedule
(`SessionRunner.resume`). One whose token is no longer accepted, or whose essays are gone from
the dataset, is ended as `server-abort` with the reason, and reported. A session that ended just
before the crash, without its report, gets its report now.
*/
export async function restoreSessions(deps: RestoreDeps, hooks: RestoreHooks): Promise<void> {
  for (const { state, token, ended, reported, broken } of await rebuildSessions(deps)) {
    if (ended) {
      hooks.ended(token, state);
      if (!reported) await hooks.finalize(state);
      continue;
    }
    const runner = hooks.runnerFor(token, state);
    const restart = state.restarts[state.restarts.length - 1];
    if (restart !== undefined) runner.record({ t: 'restart', ...restart });
    if (token === undefined || broken !== undefined) {
      hooks.adopt(undefined, runner);
      void runner.finish('server-abort', broken ?? 'its token is no longer accepted by this platform');
      continue;
    }
    hooks.adopt(token, runner);
    const answered = state.files.filter((f) => f.counting !== undefined).length;
    const missed = restart?.deadlinesMissed.length ?? 0;
    deps.log.info(
      { sessionId: state.id },
      `session ${state.id} restored: ${state.files.length}/${state.planned} files pushed, ${answered} answered` +
        (missed > 0 ? `, ${missed} deadlines passed while the platform was down` : ''),
    );
    runner.resume();
  }
}
