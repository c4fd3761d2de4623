import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/index.js';
import { PlatformStoreError } from './errors.js';

/**
The platform's files under `dataDir`:
`answers/{sessionId}/{fileId}.json` (the answer that counts; a late re-send after an on-time
answer goes to `{fileId}.late.json`; a refused one to `{fileId}.invalid-{n}.json`),
`reports/{sessionId}.json`, `sessions/{sessionId}.jsonl` (the session's journal, replayed after a
restart), `logs/{tokenHash}.jsonl`, and `token-salt` (the key of `tokenHash`).
*/
export class PlatformStore {
  constructor(readonly dataDir: string) {}

  answerPath(sessionId: number, fileId: string, late = false): string {
    return join(this.dataDir, 'answers', String(sessionId), late ? `${fileId}.late.json` : `${fileId}.json`);
  }

  /** The n-th (1-based) refused answer to a file, kept with its reason. */
  invalidPath(sessionId: number, fileId: string, n: number): string {
    return join(this.dataDir, 'answers', String(sessionId), `${fileId}.invalid-${n}.json`);
  }

  /** The journal a restarted platform rebuilds an active session from (session-journal.ts). */
  journalPath(sessionId: number): string {
    return join(this.journalDir, `${sessionId}.jsonl`);
  }

  get journalDir(): string {
    return join(this.dataDir, 'sessions');
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

  async writeText(path: string, text: string): Promise<void> {
    try {
      await writeFileAtomic(path, text);
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

  /**
  The store's random salt for `tokenHash`, made on first use and kept, so a token keeps its file
  names across restarts. Written with `wx`: two platforms starting on one store agree on it.
  */
  async tokenSalt(): Promise<string> {
    const path = join(this.dataDir, 'token-salt');
    const read = async () => (await readFile(path, 'utf8')).trim();
    try {
      return await read();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new PlatformStoreError(path, error);
    }
    try {
      await mkdir(this.dataDir, { recursive: true });
      await writeFile(path, `${randomBytes(16).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new PlatformStoreError(path, error);
    }
    return read();
  }

  /** Bytes already in a token's client log (0 when there is none). */
  async logSize(tokenHash: string): Promise<number> {
    return stat(this.logPath(tokenHash)).then(
      (s) => s.size,
      () => 0,
    );
  }

  /** Appends serialised JSON lines (each ending in a newline) to a token's client log. */
  async appendLogs(tokenHash: string, lines: readonly string[]): Promise<void> {
    const path = this.logPath(tokenHash);
    try {
      await mkdir(join(this.dataDir, 'logs'), { recursive: true });
      await appendFile(path, lines.join(''));
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
    for (const sub of ['answers', 'reports', 'sessions']) {
      const names = await readdir(join(this.dataDir, sub)).catch(() => [] as string[]);
      for (const name of names) {
        const m = /^(\d+)(\.jsonl?)?$/.exec(name);
        if (m?.[1] !== undefined) max = Math.max(max, Number(m[1]));
      }
    }
    return max + 1;
  }
}
