import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Collects what the logger writes to its console, as one string. */
export class ConsoleCollector {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'log-test-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface LogFiles {
  names: string[];
  info?: string;
  sessions?: string;
  debug?: string;
}

/** Reads back every `{kind}_{YYYY-MM-DD}.log` in `dir`; a kind with no file stays undefined. */
export async function readLogFiles(dir: string): Promise<LogFiles> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return { names: [] };
  }
  const files: LogFiles = { names };
  for (const name of names) {
    const match = /^(info|sessions|debug)_\d{4}-\d{2}-\d{2}\.log$/.exec(name);
    if (!match) continue;
    const kind = match[1] as 'info' | 'sessions' | 'debug';
    files[kind] = (files[kind] ?? '') + (await readFile(join(dir, name), 'utf8'));
  }
  return files;
}

export const jsonLines = (text: string | undefined): Array<Record<string, unknown>> =>
  (text ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
