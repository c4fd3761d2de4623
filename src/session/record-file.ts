import { join } from 'node:path';
import { JsonlAppender } from '../fs/index.js';

/**
A JSON-lines file of the session directory, opened once the directory is known. Lines appended
before `open` wait in memory: a resumed session reads the earlier lines first, then opens. The
first failed write is reported once and the file is given up; the session goes on without it.
*/
export class RecordFile {
  #appender: JsonlAppender | undefined;
  #early: string[] = [];
  #broken = false;

  constructor(
    readonly name: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get path(): string | undefined {
    return this.#appender?.path;
  }

  open(dir: string): void {
    if (this.#appender !== undefined) return;
    this.#appender = new JsonlAppender(join(dir, this.name));
    for (const line of this.#early.splice(0)) this.#write(this.#appender, line);
  }

  appendLine(line: string): void {
    if (this.#broken) return;
    if (this.#appender === undefined) this.#early.push(line);
    else this.#write(this.#appender, line);
  }

  /** Resolves once every line appended so far is written (or could not be). */
  async flush(): Promise<void> {
    await this.#appender?.flush();
  }

  async close(): Promise<void> {
    await this.#appender?.close();
    this.#broken = true;
  }

  #write(appender: JsonlAppender, line: string): void {
    appender.appendLine(line).catch((error: unknown) => {
      if (this.#broken) return;
      this.#broken = true;
      this.onError(error);
    });
  }
}
