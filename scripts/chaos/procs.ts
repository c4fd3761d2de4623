import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
A child process of the chaos harness, in its own process group (so what it leaves behind can be
told apart), with its output kept and each stdout line passed to `onLine`.
*/
export class Child {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  #ended = false;

  constructor(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void },
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code) => {
        this.#ended = true;
        resolve(code);
      });
      this.child.once('error', () => {
        this.#ended = true;
        resolve(null);
      });
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.stdout += `${line}\n`;
      options.onLine?.(line);
    });
    this.child.stderr.on('data', (d: Buffer) => {
      // Only the head and the tail: a flooding markup's stderr goes through the client's log.
      this.stderr = (this.stderr + d.toString()).slice(-200_000);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Signals the process itself (not its group: a crash of the client leaves its children to it). */
  kill(signal: NodeJS.Signals): void {
    if (!this.#ended) this.child.kill(signal);
  }
}

/**
Processes whose environment carries `marker` (`CHAOS_RUN=<id>`, set on every process a run
starts and inherited by what they start): what a run has left running.
*/
export async function processesWith(marker: string): Promise<{ pid: number; cmd: string }[]> {
  const found: { pid: number; cmd: string }[] = [];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const environ = await readFile(`/proc/${name}/environ`, 'latin1').catch(() => '');
    if (!environ.split('\0').includes(marker)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'latin1').catch(() => '');
    // A zombie has exited already: it only waits for its parent to reap it.
    if (/^\d+ \(.*\) Z /.test(stat)) continue;
    const cmd = (await readFile(`/proc/${name}/cmdline`, 'latin1').catch(() => '')).split('\0').join(' ');
    found.push({ pid, cmd: cmd.trim().slice(0, 160) });
  }
  return found;
}

/**
Waits until no process carries `marker` (a killed client's markups are ended by its reaper, a
moment later), checking again on each turn of /proc for at most `boundMs`; returns what is left.
*/
export async function leftovers(marker: string, boundMs = 3000): Promise<{ pid: number; cmd: string }[]> {
  const until = Date.now() + boundMs;
  for (;;) {
    const left = await processesWith(marker);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
