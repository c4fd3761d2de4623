// A session folder read back into per-file statuses: input/, output/, client-log.jsonl, summary.json.
// Read whole on every poll: a session has at most a few hundred files, and the reads are what the
// session itself wrote atomically (a torn last log line is skipped).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type FileStatus = 'received' | 'marked' | 'sent' | 'accepted' | 'late' | 'rejected' | 'failed';

export interface SessionFileState {
  id: string;
  status: FileStatus;
  /** Epoch ms. */
  deadline?: number;
  late: boolean;
  /** An answer or a failure ended it: no countdown. */
  done: boolean;
  reason?: string;
  hasInput: boolean;
  hasOutput: boolean;
}

export interface SessionState {
  sessionId: string;
  files: SessionFileState[];
  /** Files that reached each stage (cumulative: an accepted file counts as received, marked and sent too). */
  counts: Record<FileStatus, number>;
  startedAt?: string;
  endedAt?: string;
  /** `summary.json`'s end reason once the session is over. */
  end?: string;
  /** Accepted answers per minute since the start. */
  throughput: string;
}

const names = async (dir: string): Promise<string[]> => {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
};

interface Track {
  received?: boolean;
  marked?: boolean;
  sent?: boolean;
  accepted?: boolean;
  rejected?: boolean;
  failed?: boolean;
  late?: boolean;
  deadline?: number;
  reason?: string;
  input?: boolean;
  output?: boolean;
}

export async function readSessionState(
  dir: string,
  sessionId: string,
  now = Date.now(),
): Promise<SessionState> {
  const files = new Map<string, Track>();
  const order: string[] = [];
  const get = (id: string): Track => {
    let t = files.get(id);
    if (!t) {
      t = {};
      files.set(id, t);
      order.push(id);
    }
    return t;
  };
  let startedAt: string | undefined;
  let endedAt: string | undefined;
  let end: string | undefined;

  let log = '';
  try {
    log = await readFile(join(dir, 'client-log.jsonl'), 'utf8');
  } catch {
    // Not written yet: the folders below still tell what arrived.
  }
  for (const line of log.split('\n')) {
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const id = typeof r.fileId === 'string' ? r.fileId : undefined;
    if (r.event === 'session-started' && typeof r.startedAt === 'string') startedAt ??= r.startedAt;
    if (r.event === 'session-ended') {
      endedAt = typeof r.time === 'string' ? r.time : undefined;
      end = typeof r.reason === 'string' ? r.reason : 'ended';
    }
    if (!id) continue;
    const t = get(id);
    switch (r.event) {
      case 'file-received':
        t.received = true;
        if (typeof r.deadline === 'number') t.deadline = r.deadline;
        break;
      case 'file-marked':
        t.marked = true;
        break;
      case 'file-sent':
        t.sent = true;
        if (r.late === true) t.late = true;
        break;
      case 'file-accepted':
        Object.assign(t, { accepted: true, rejected: false, failed: false });
        break;
      case 'file-rejected':
        Object.assign(t, { rejected: true, accepted: false, failed: false });
        if (typeof r.reason === 'string') t.reason = r.reason;
        break;
      case 'file-failed':
        if (!t.accepted) t.failed = true;
        if (typeof r.reason === 'string') t.reason = r.reason;
        break;
    }
  }
  for (const n of await names(join(dir, 'input')))
    if (n.endsWith('.json') && !n.startsWith('.')) get(n.replace(/(\.raw)?\.json$/, '')).input = true;
  for (const n of await names(join(dir, 'output')))
    if (n.endsWith('.json') && !n.startsWith('.')) get(n.replace(/\.json$/, '')).output = true;
  try {
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as {
      end?: { reason?: string };
      endedAt?: string;
      startedAt?: string;
    };
    end = summary.end?.reason ?? end;
    endedAt = summary.endedAt ?? endedAt;
    startedAt ??= summary.startedAt;
  } catch {
    // Running, or ended without a summary.
  }

  const counts: Record<FileStatus, number> = {
    received: 0,
    marked: 0,
    sent: 0,
    accepted: 0,
    late: 0,
    rejected: 0,
    failed: 0,
  };
  const out = order.map((id): SessionFileState => {
    const t = files.get(id)!;
    const status: FileStatus = t.failed
      ? 'failed'
      : t.rejected
        ? 'rejected'
        : t.accepted
          ? t.late
            ? 'late'
            : 'accepted'
          : t.sent
            ? 'sent'
            : t.marked || t.output
              ? 'marked'
              : 'received';
    // Counts are cumulative (a file accepted was also received, marked and sent), as the session's summary counts.
    const reached: Record<FileStatus, boolean> = {
      received: true,
      marked: t.marked === true || t.output === true,
      sent: t.sent === true,
      accepted: t.accepted === true,
      late: t.late === true,
      rejected: t.rejected === true,
      failed: t.failed === true,
    };
    for (const k of Object.keys(reached) as FileStatus[]) if (reached[k]) counts[k] += 1;
    return {
      id,
      status,
      ...(t.deadline !== undefined ? { deadline: t.deadline } : {}),
      late: t.late === true,
      done: t.accepted === true || t.rejected === true || t.failed === true,
      ...(t.reason !== undefined ? { reason: t.reason } : {}),
      hasInput: t.input === true,
      hasOutput: t.output === true,
    };
  });
  const startMs = startedAt ? Date.parse(startedAt) : NaN;
  const endMs = endedAt ? Date.parse(endedAt) : now;
  const minutes = (endMs - startMs) / 60_000;
  const done = counts.accepted;
  const throughput =
    Number.isFinite(minutes) && minutes > 0 ? `${(done / minutes).toFixed(1)} files/min` : '–';
  return {
    sessionId,
    files: out,
    counts,
    ...(startedAt ? { startedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    ...(end ? { end } : {}),
    throughput,
  };
}
