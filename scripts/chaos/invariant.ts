import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface Verdict {
  /** Files the platform pushed (its journal). */
  files: number;
  /** `sessionId/fileId: why` for every pushed file not saved (nor reported unsaved) or not answered (nor reported). */
  lost: string[];
  /** Files the client could not save (a full disk) and said so, by file, in its log. */
  unsavedReported: number;
  /** Saved files not answered, with the client's reason in its summary. */
  unansweredReported: number;
  /** Answers stored under a file they do not belong to (another essay's text). */
  mixedUp: string[];
  /** No session was started at all (the client failed before its start was answered). */
  noSession: boolean;
  /** The platform's final statuses, counted. */
  statuses: Record<string, number>;
  notes: string[];
}

interface ReportFile {
  fileId: string;
  status: string;
}

const readJson = async (path: string): Promise<unknown> =>
  JSON.parse(await readFile(path, 'utf8')) as unknown;

/**
The chaos invariant, from the platform's store and the client's files (docs/chaos.md): every
pushed file was received and saved; every saved input was answered or reported with a reason;
no answer was accepted as another file's.
*/
export async function checkInvariant(o: {
  store: string;
  filesDir: string;
  dataset: string;
  clientLog: string;
}): Promise<Verdict> {
  const v: Verdict = {
    files: 0,
    lost: [],
    unsavedReported: 0,
    unansweredReported: 0,
    mixedUp: [],
    noSession: false,
    statuses: {},
    notes: [],
  };
  const texts = new Map<string, string>();
  for (const name of await readdir(join(o.dataset, 'train'))) {
    const m = /^(\d+)\.json$/.exec(name);
    if (m?.[1] === undefined) continue;
    const essay = (await readJson(join(o.dataset, 'train', name))) as { text: string };
    texts.set(m[1], essay.text);
  }
  const journals = (await readdir(join(o.store, 'sessions')).catch(() => [] as string[])).filter((n) =>
    n.endsWith('.jsonl'),
  );
  // The client never got a session going: nothing was pushed, so nothing counts as lost, but the run failed.
  if (journals.length === 0) v.noSession = true;
  for (const name of journals) {
    const sessionId = name.replace('.jsonl', '');
    const lines = (await readFile(join(o.store, 'sessions', name), 'utf8')).split('\n');
    const pushed: string[] = [];
    for (const line of lines) {
      try {
        const r = JSON.parse(line) as { t?: string; fileId?: string };
        if (r.t === 'push' && r.fileId !== undefined) pushed.push(r.fileId);
      } catch {
        // a torn line
      }
    }
    v.files += pushed.length;
    const report = (await readJson(join(o.store, 'reports', `${sessionId}.json`)).catch(() => undefined)) as
      { files: ReportFile[]; end: { type: string } | null } | undefined;
    if (report === undefined) v.notes.push(`session ${sessionId}: no report`);
    else if (report.end?.type !== 'finish') v.notes.push(`session ${sessionId} ended: ${report.end?.type}`);
    const status = new Map((report?.files ?? []).map((f) => [f.fileId, f.status]));
    const session = join(o.filesDir, 'sessions', sessionId);
    const summary = (await readJson(join(session, 'summary.json')).catch(() => undefined)) as
      { reasons?: Record<string, string> } | undefined;
    const logLines = o.clientLog.split('\n');
    for (const fileId of pushed) {
      const st = status.get(fileId) ?? 'unknown';
      v.statuses[st] = (v.statuses[st] ?? 0) + 1;
      const input = (await readJson(join(session, 'input', `${fileId}.json`)).catch(() => undefined)) as
        { text?: unknown } | undefined;
      let saved = input !== undefined && input.text === texts.get(fileId);
      if (input !== undefined && !saved) v.lost.push(`${sessionId}/${fileId}: saved input has another text`);
      if (!saved && logLines.some((l) => l.includes(fileId) && /could not save the received essay/.test(l))) {
        saved = true;
        v.unsavedReported += 1;
      }
      let answered = st === 'on-time' || st === 'late' || st === 'invalid';
      if (!answered && summary?.reasons?.[fileId] !== undefined) {
        answered = true;
        v.unansweredReported += 1;
      }
      if (!saved) v.lost.push(`${sessionId}/${fileId}: pushed, never saved nor reported unsaved`);
      else if (!answered) v.lost.push(`${sessionId}/${fileId}: saved, never answered nor reported (${st})`);
    }
    const answers = await readdir(join(o.store, 'answers', sessionId)).catch(() => [] as string[]);
    for (const file of answers) {
      const m = /^(\d+)(\.late)?\.json$/.exec(file);
      if (m?.[1] === undefined) continue;
      const answer = (await readJson(join(o.store, 'answers', sessionId, file))) as { text?: unknown };
      if (!pushed.includes(m[1])) v.mixedUp.push(`${sessionId}/${file}: an answer to a file never pushed`);
      else if (answer.text !== texts.get(m[1])) v.mixedUp.push(`${sessionId}/${file}: another essay's text`);
    }
  }
  return v;
}
