import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonLines } from '../fs/index.js';
import type { SessionEvents } from './session-events.js';
import { RecordFile } from './record-file.js';

export const SESSION_JOURNAL = 'journal.jsonl';

/** The per-file events a resume needs to rebuild the summary and the deadlines. */
export type FileEvent =
  'file-received' | 'file-marked' | 'file-sent' | 'file-accepted' | 'file-rejected' | 'file-failed';

export const FILE_EVENTS: ReadonlySet<string> = new Set<FileEvent>([
  'file-received',
  'file-marked',
  'file-sent',
  'file-accepted',
  'file-rejected',
  'file-failed',
]);

type Payload<E extends FileEvent> = Omit<SessionEvents[E][0], 'hr'>;

/** One line of `journal.jsonl`; `at` is epoch ms. */
export type JournalRecord =
  | { [E in FileEvent]: { event: E; at: number } & Payload<E> }[FileEvent]
  | { event: 'run'; at: number; resumed: boolean; startedAt: string };

/**
The session's own typed journal, `{sessionDir}/journal.jsonl`: one record per process that
worked on the session and one per file event. A resumed session replays it (`resume.ts`); it is
never sent anywhere (the platform gets `client-log.jsonl`).
*/
export class SessionJournal {
  readonly #file: RecordFile;

  constructor(onError?: (error: unknown) => void) {
    this.#file = new RecordFile(SESSION_JOURNAL, onError);
  }

  open(dir: string): void {
    this.#file.open(dir);
  }

  append(record: JournalRecord): void {
    this.#file.appendLine(JSON.stringify(record));
  }

  flush(): Promise<void> {
    return this.#file.flush();
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}

/** Every readable record of `dir`'s journal, oldest first; none when there is no journal. */
export async function readJournal(dir: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, SESSION_JOURNAL), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseJsonLines(text, toRecord).records;
}

function toRecord(value: unknown): JournalRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { event?: unknown; at?: unknown; fileId?: unknown; startedAt?: unknown };
  if (typeof record.at !== 'number') return undefined;
  if (record.event === 'run')
    return typeof record.startedAt === 'string' ? (value as JournalRecord) : undefined;
  if (typeof record.event !== 'string' || !FILE_EVENTS.has(record.event)) return undefined;
  return typeof record.fileId === 'string' ? (value as JournalRecord) : undefined;
}
