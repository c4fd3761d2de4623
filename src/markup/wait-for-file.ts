import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** What `parse` says about the file's current content. */
export type ParseOutcome<T> =
  | { done: T }
  /** Not complete yet (the writer is mid-write): try again on the next change. */
  | { incomplete: Error }
  /** Complete but wrong: stop waiting. */
  | { failed: Error };

export interface WaitForFileOptions<T> {
  parse: (text: string) => ParseOutcome<T>;
  /** Epoch ms when waiting ends with `onTimeout`. */
  until: number;
  signal: AbortSignal;
  /** fs.watch misses events on some file systems (network drives, some containers); this poll catches them. */
  pollIntervalMs: number;
  /** Builds the rejection when `until` passes; gets the last reason the content was incomplete. */
  onTimeout: (lastIncomplete: Error | undefined) => Error;
  /** Builds the rejection when `signal` aborts. */
  onAbort: () => Error;
  onIncomplete?: (error: Error) => void;
}

/**
Waits for a file another program writes, reading it on every change of its directory and on a
poll, until `parse` accepts the content. Missing and empty files count as not there yet.
*/
export function waitForFile<T>(path: string, options: WaitForFileOptions<T>): Promise<T> {
  const name = basename(path);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let reading = false;
    let again = false;
    let lastIncomplete: Error | undefined;
    let watcher: FSWatcher | undefined;

    const settle = (outcome: { value: T } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      watcher?.close();
      clearInterval(poll);
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };

    const readOnce = async (): Promise<void> => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT') return;
        if (code === 'EISDIR') return settle({ error: error as Error });
        // EACCES/EBUSY while the writer holds the file: wait for the next change.
        lastIncomplete = error as Error;
        return;
      }
      if (text.trim() === '') return;
      const outcome = options.parse(text);
      if ('done' in outcome) return settle({ value: outcome.done });
      if ('failed' in outcome) return settle({ error: outcome.failed });
      lastIncomplete = outcome.incomplete;
      options.onIncomplete?.(outcome.incomplete);
    };

    // One read at a time; a change seen during a read triggers one more read after it.
    const check = (): void => {
      if (settled) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      void (async () => {
        do {
          again = false;
          await readOnce().catch((error: unknown) =>
            settle({ error: error instanceof Error ? error : new Error(String(error)) }),
          );
        } while (again && !settled);
        reading = false;
      })();
    };

    const onAbort = (): void => settle({ error: options.onAbort() });
    options.signal.addEventListener('abort', onAbort, { once: true });
    const poll = setInterval(check, options.pollIntervalMs);
    const timer = setTimeout(
      () => settle({ error: options.onTimeout(lastIncomplete) }),
      Math.max(0, options.until - Date.now()),
    );
    try {
      watcher = watch(dirname(path), (_event, changed) => {
        if (changed === null || changed === name) check();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      // The directory cannot be watched (or does not exist yet): the poll still works.
    }
    if (options.signal.aborted) onAbort();
    else check();
  });
}
