// The local platform as its own process (`readable platform serve` from dist), for the tests and the
// chaos suite that kill it (SIGKILL) and start it again on the same store.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { BIN, ROOT, assertBuilt, cleanEnv } from './cli.js';

export interface PlatformProcessOptions {
  store: string;
  /** The dataset folder (`--data`). */
  data: string;
  tokens: readonly string[];
  /** `0` picks a free one; a restart passes the port of the first start. @default 0 */
  port?: number;
  timeScale: number;
  /** Extra `platform serve` flags. */
  flags?: readonly string[];
  /** Its own process group (`detached`), so a harness can check that nothing of it is left. */
  group?: boolean;
}

/** A running `readable platform serve`; `kill('SIGKILL')` to crash it, `stop()` in `t.after`. */
export class PlatformProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  #ended = false;

  private constructor(
    readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      child.once('close', (code) => resolve(code));
    });
    void this.exited.then(() => (this.#ended = true));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get host(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(o: PlatformProcessOptions): Promise<PlatformProcess> {
    assertBuilt();
    const args = [BIN, 'platform', 'serve', '--port', String(o.port ?? 0), '--store', o.store];
    args.push('--data', o.data, '--time-scale', String(o.timeScale), ...(o.flags ?? []));
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      // Tokens through the environment: they never show in `ps`.
      env: cleanEnv({ READABLE_PLATFORM_TOKENS: o.tokens.join(',') }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: o.group ?? false,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        stdout += `${line}\n`;
        const m = /Local platform on http:\/\/[^:]+:(\d+)\//.exec(line);
        if (m?.[1] !== undefined) resolve(Number(m[1]));
      });
      child.once('close', (code) =>
        reject(new Error(`platform serve exited (${code}) before listening:\n${stdout}\n${stderr}`)),
      );
    });
    const p = new PlatformProcess(child, port);
    p.stdout = stdout;
    child.stdout.on('data', (d: Buffer) => (p.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (p.stderr += d.toString()));
    p.stderr = stderr;
    return p;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.#ended) this.child.kill(signal);
  }

  /** Kills it if it still runs and waits for its end: for `t.after`. */
  async stop(): Promise<void> {
    this.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (SIGTERM: open sessions are aborted and reported); resolves with the exit code. */
  async terminate(): Promise<number | null> {
    this.kill('SIGTERM');
    return this.exited;
  }
}
