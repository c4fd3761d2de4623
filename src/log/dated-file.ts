import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
An append-only log file named `{prefix}_{YYYY-MM-DD}.log`, opened on its first line (so a file that
would stay empty is never created) and switched to a new file when the date changes. Writes are
synchronous: the CLI exits right after its last line, and worker-thread transports would outlive
the many short-lived loggers the CLI and tests create.
*/
export class DatedFile {
  private fd: number | undefined;
  private date: string | undefined;
  private broken = false;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    /** Told once, when the file cannot be written; the file is then given up. */
    private readonly onError: (message: string) => void,
  ) {}

  write(date: string, text: string): void {
    if (this.broken || this.closed) return;
    const path = join(this.dir, `${this.prefix}_${date}.log`);
    try {
      if (this.fd === undefined || this.date !== date) {
        this.closeFile();
        mkdirSync(this.dir, { recursive: true });
        this.fd = openSync(path, 'a');
        this.date = date;
      }
      writeSync(this.fd, text);
    } catch (error) {
      this.broken = true;
      this.closeFile();
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.onError(`cannot write the log file ${path} (${code}); logging to it stops`);
    }
  }

  close(): void {
    this.closed = true;
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } catch {
      // Already closed or the disk went away: nothing left to save.
    }
  }
}
