import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/index.js';
import { PlatformStoreError } from './errors.js';

/**
The platform's files under `dataDir`:
`answers/{sessionId}/{fileId}.json` (the answer that counts; a late re-send after an on-time
answer goes to `{fileId}.late.json`), `reports/{sessionId}.json`, `logs/{tokenHash}.jsonl`.
*/
export class PlatformStore {
  constructor(readonly dataDir: string) {}

  answerPath(sessionId: number, fileId: string, late = false): string {
    return join(this.dataDir, 'answers', String(sessionId), late ? `${fileId}.late.json` : `${fileId}.json`);
  }

  reportPath(sessionId: number): string {
    return join(this.dataDir, 'reports', `${sessionId}.json`);
  }

  logPath(tokenHash: string): string {
    return join(this.dataDir, 'logs', `${tokenHash}.jsonl`);
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    try {
      await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
    } catch (error) {
      throw new PlatformStoreError(path, error);
    }
  }

  async readReport(sessionId: number): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.reportPath(sessionId), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  async appendLogs(tokenHash: string, lines: readonly unknown[]): Promise<void> {
    const path = this.logPath(tokenHash);
    try {
      await mkdir(join(this.dataDir, 'logs'), { recursive: true });
      await appendFile(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    } catch (error) {
      throw new PlatformStoreError(path, error);
    }
  }

  /**
  The first session id after every id already on disk, so a restarted platform never writes a
  new session's answers or report over an old one.
  */
  async nextSessionId(): Promise<number> {
    let max = 0;
    for (const sub of ['answers', 'reports']) {
      const names = await readdir(join(this.dataDir, sub)).catch(() => [] as string[]);
      for (const name of names) {
        const m = /^(\d+)(\.json)?$/.exec(name);
        if (m?.[1] !== undefined) max = Math.max(max, Number(m[1]));
      }
    }
    return max + 1;
  }
}
