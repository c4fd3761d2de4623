import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionId } from '../protocol/index.js';
import { readJournal } from './journal.js';
import type { OutgoingStore } from './outgoing-store.js';
import type { SessionStore } from './store.js';
import { SummaryState } from './summary.js';

/** What earlier processes of a session left in its journal. */
export interface EarlierRuns {
  state: SummaryState;
  /** Each received file's deadline (epoch ms) as it was computed at receipt. */
  deadlines: Map<string, number>;
  /** When the first of them began. */
  startedAt?: string;
  /** How many processes started or resumed the session. */
  runs: number;
}

/** Replays the journal of earlier processes of the session kept in `dir`. */
export async function readEarlierRuns(dir: string): Promise<EarlierRuns> {
  const records = await readJournal(dir);
  const state = new SummaryState();
  const deadlines = new Map<string, number>();
  let runs = 0;
  let startedAt: string | undefined;
  for (const record of records) {
    if (record.event === 'run') {
      runs += 1;
      if (startedAt === undefined || record.startedAt < startedAt) startedAt = record.startedAt;
      continue;
    }
    state.apply(record.event, record);
    if (record.event === 'file-received') deadlines.set(record.fileId, record.deadline);
  }
  return { state, deadlines, runs, ...(startedAt !== undefined ? { startedAt } : {}) };
}

/** A saved input that still needs an answer. */
export interface UnansweredInput {
  fileId: string;
  /** The essay as it was received and saved. */
  text: string;
  /** Epoch ms of its deadline; maybe already past. */
  deadline: number;
}

export interface FindUnansweredOptions {
  store: SessionStore;
  sessionId: SessionId;
  outgoing: OutgoingStore;
  /** Files that need nothing more: answered (accepted or kept) or already taken up by this process. */
  settled: (fileId: string) => boolean;
  /** The deadline of a file; `savedAt` is its input's modification time, a stand-in for its receipt. */
  deadlineOf: (fileId: string, savedAt: number) => number;
}

/**
The inputs of a session that have no accepted answer and whose answer is not waiting in the
outgoing store (the outgoing store's resend takes care of those), oldest first. Inputs saved as
`.raw.json` are not essays and are left out; so are temporary files of interrupted writes.
*/
export async function findUnanswered(options: FindUnansweredOptions): Promise<UnansweredInput[]> {
  const dir = join(options.store.sessionDir(options.sessionId), 'input');
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const waiting = new Set((await options.outgoing.list()).map((e) => e.fileId));
  const found: Array<UnansweredInput & { savedAt: number }> = [];
  for (const name of names) {
    const match = /^([A-Za-z0-9_-]+)\.json$/.exec(name);
    const fileId = match?.[1];
    if (fileId === undefined || waiting.has(fileId) || options.settled(fileId)) continue;
    const path = join(dir, name);
    try {
      const [text, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)]);
      found.push({ fileId, text, savedAt: stat.mtimeMs, deadline: options.deadlineOf(fileId, stat.mtimeMs) });
    } catch {
      // Gone since the listing (another process?): nothing to recover.
    }
  }
  found.sort((a, b) => a.deadline - b.deadline || a.fileId.localeCompare(b.fileId));
  return found.map(({ fileId, text, deadline }) => ({ fileId, text, deadline }));
}
