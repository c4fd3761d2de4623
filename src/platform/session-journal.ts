import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionType, StartParams } from '../protocol/index.js';
import type { DatasetEntry } from './dataset.js';
import type { EndType } from './session-state.js';

/**
One line of a session's journal (`sessions/{id}.jsonl`). A session is rebuilt after a restart by
replaying its lines in order (src/platform/README.md, "Across a restart").
*/
export type JournalRecord =
  | {
      t: 'start';
      id: number;
      tokenHash: string;
      type: SessionType;
      params: StartParams | null;
      fileTimeSec: number;
      fileTimeMs: number;
      startedAt: number;
      plan: DatasetEntry[];
    }
  /** A file pushed at `at` (written before the push is sent). */
  | { t: 'push'; i: number; fileId: string; at: number; deadline: number; delivered: boolean }
  /** A file sent again by a repeat. */
  | { t: 'deliver'; fileId: string; at: number }
  /** An accepted answer, stored at `path` (written once stored, before the acknowledgement). */
  | { t: 'answer'; fileId: string; at: number; late: boolean; path: string }
  | { t: 'reject'; fileId: string; at: number; reason: string }
  /** The platform took the session back after a restart; `downSince` = its last record before. */
  | { t: 'restart'; at: number; downSince: number; deadlinesMissed: string[] }
  | { t: 'end'; type: EndType; at: number; message?: string };

export type JournalWriter = (record: JournalRecord) => void;

/**
Appends records to one session's journal. Appends are synchronous on purpose: a record is in the
file (the kernel's, so a SIGKILL does not lose it) before the event it records reaches the
client, and records keep their order. A failed append (a full disk) is reported once through
`onError` and the session goes on in memory: a journal is what a restart needs, not what the
running session needs.
*/
export function journalWriter(path: string, onError: (error: unknown) => void): JournalWriter {
  let failed = false;
  let lead: string | undefined;
  return (record) => {
    try {
      if (lead === undefined) {
        mkdirSync(join(path, '..'), { recursive: true });
        lead = tornTail(path) ? '\n' : '';
      }
      appendFileSync(path, `${lead}${JSON.stringify(record)}\n`);
      lead = '';
      failed = false;
    } catch (error) {
      if (!failed) onError(error);
      failed = true;
    }
  };
}

/** True when the file ends in a torn line (a crash mid-append): the next record starts a new line. */
function tornTail(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

export interface JournalFile {
  id: number;
  records: JournalRecord[];
  /** Lines that could not be read (a torn last line after a crash). */
  skipped: number;
}

/** Every session journal in `dir`, by ascending id. */
export async function readJournals(dir: string): Promise<JournalFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: JournalFile[] = [];
  for (const name of names) {
    const m = /^(\d+)\.jsonl$/.exec(name);
    if (m?.[1] === undefined) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    const records: JournalRecord[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const value = JSON.parse(line) as unknown;
        if (typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string') {
          records.push(value as JournalRecord);
        } else skipped += 1;
      } catch {
        skipped += 1;
      }
    }
    out.push({ id: Number(m[1]), records, skipped });
  }
  return out.sort((a, b) => a.id - b.id);
}
