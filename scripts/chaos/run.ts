import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Child, leftovers } from './procs.js';
import { FaultProxy } from './proxy.js';
import { checkInvariant } from './invariant.js';
import type { Verdict } from './invariant.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'index.js');
const FIXTURES = join(ROOT, 'test', 'chaos', 'fixtures');
export const TOKEN = 'chaos-token-0123456789abcdef';

export const FAULT_KINDS = ['cut', 'stall', 'client-kill', 'platform-kill', 'disk-full'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const MARKUP_KINDS = ['demo', 'crash', 'hang', 'flood', 'leak', 'python-crash'] as const;
export type MarkupKind = (typeof MARKUP_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Fires at the client's n-th progress line (`file … received` / `file … accepted`), over all its processes. */
  at: number;
  /** How long a stall holds the line, or a full disk stays full (progress lines). */
  hold: number;
}

export interface RunPlan {
  markup: MarkupKind;
  faults: Fault[];
}

export interface RunOptions {
  /** Where the run's temp folder goes. */
  root: string;
  /** The dataset the platform serves (`--data`), `files` essays of distinct texts. */
  dataset: string;
  files: number;
  /** Session time scale: `--time 10` × scale = seconds per file. */
  timeScale: number;
  /** Whether a tmpfs can be mounted (root): the full-disk fault needs one. */
  canMount: boolean;
  /** A run that has not ended after this long is killed and counted as stuck. @default 120000 */
  watchdogMs?: number;
  marker: string;
}

export interface RunResult extends Verdict {
  plan: RunPlan;
  /** Faults that were actually injected (a fault due after the session ended is not). */
  injected: FaultKind[];
  /** Client processes that exited non-zero while the session was still open (each then resumed). */
  clientFailures: string[];
  stuck: boolean;
  leftovers: { pid: number; cmd: string }[];
  ms: number;
}

const START = ['--count', '10', '--time', '10', '--dataset', 'train', '--lang', 'rus'];

function markupArgs(kind: MarkupKind): string[] {
  const node = (mode: string) => `"${process.execPath}" ${join(FIXTURES, 'markup.mjs')} ${mode}`;
  switch (kind) {
    case 'demo':
      return ['--markup', 'demo'];
    case 'leak':
      return ['--markup', join(FIXTURES, 'leaky.mjs')];
    case 'python-crash':
      return ['--markup-command', `python3 ${join(FIXTURES, 'markup_crash.py')}`];
    default:
      return ['--markup-command', node(kind)];
  }
}

/** Mounts a small tmpfs for the client's files (the full-disk fault fills it). */
function mountDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Fills the disk to its last byte. */
async function fill(dir: string): Promise<void> {
  await writeFile(join(dir, 'filler'), Buffer.alloc(8 << 20)).catch(() => undefined);
}

/**
One chaos run: the platform (`readable platform serve`) and the client (`readable session start`,
then `session reconnect` after a kill) from dist, each in its own process group, the proxy
between them, the faults of `plan` fired at the client's progress lines; then the invariant.
*/
export async function chaosRun(o: RunOptions, plan: RunPlan): Promise<RunResult> {
  const began = Date.now();
  const dir = await mkdtemp(join(o.root, 'run-'));
  const store = join(dir, 'store');
  const cwd = join(dir, 'client');
  await mkdir(cwd, { recursive: true });
  const mounted = plan.faults.some((f) => f.kind === 'disk-full') && o.canMount && mountDisk(cwd);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FORCE_COLOR: '0',
    CHAOS_RUN: o.marker.split('=')[1] ?? '',
    READABLE_PLATFORM_TOKENS: TOKEN,
  };
  // Settings a developer's shell may carry that would change what the client does.
  for (const name of ['TOKEN', 'HOST', 'MARKUP', 'MARKUP_COMMAND', 'FILES_DIR', 'LOGS_DIR', 'DEBUG'])
    delete env[name];
  const platforms: Child[] = [];
  const clients: Child[] = [];
  const injected: FaultKind[] = [];
  const clientFailures: string[] = [];
  let progress = 0;
  let stuck = false;
  let diskFull = false;
  let freeDiskAt = Infinity;
  const pending = [...plan.faults].sort((a, b) => a.at - b.at);
  let firing: Promise<void> = Promise.resolve();

  let onSessionEnded!: () => void;
  const sessionEndedLine = new Promise<void>((res) => (onSessionEnded = res));
  const serve = async (port: number): Promise<Child> => {
    let onListen!: (port: number) => void;
    const listening = new Promise<number>((res) => (onListen = res));
    const args = [BIN, 'platform', 'serve', '--port', String(port), '--store', store, '--data', o.dataset];
    args.push('--time-scale', String(o.timeScale), '--push-interval', '3');
    args.push('--timeout-close', '600', '--reconnect-window', '900');
    const p = new Child(process.execPath, args, {
      cwd: dir,
      env,
      onLine: (line) => {
        const m = /Local platform on http:\/\/[^:]+:(\d+)\//.exec(line);
        if (m?.[1] !== undefined) onListen(Number(m[1]));
        if (/^Session \d+ ended/.test(line)) onSessionEnded();
      },
    });
    platforms.push(p);
    const got = await Promise.race([listening, p.exited.then(() => -1)]);
    if (got === -1) throw new Error(`platform serve exited before listening:\n${p.stderr}`);
    return p;
  };

  let platform = await serve(0);
  const platformPort = Number(/:(\d+)\//.exec(platform.stdout)?.[1]);
  const proxy = await FaultProxy.start(platformPort);
  const host = `http://127.0.0.1:${proxy.port}`;

  const freeDisk = async () => {
    if (!diskFull) return;
    diskFull = false;
    freeDiskAt = Infinity;
    await rm(join(cwd, 'filler'), { force: true });
  };

  const fire = async (fault: Fault): Promise<void> => {
    const client = clients[clients.length - 1];
    switch (fault.kind) {
      case 'cut':
        proxy.cut();
        break;
      case 'stall':
        proxy.stall();
        // A stall lasts `hold` × 100 ms: a fault's length, not a wait for anything.
        await new Promise((res) => setTimeout(res, fault.hold * 100));
        proxy.release();
        break;
      case 'client-kill':
        if (client === undefined || client.ended) return;
        client.kill('SIGKILL');
        await client.exited;
        startClient(['reconnect']);
        break;
      case 'platform-kill': {
        platform.kill('SIGKILL');
        await platform.exited;
        // The same port when it is free again (it is, after a SIGKILL); else a new one behind the proxy.
        platform = await serve(platformPort).catch(() => serve(0));
        const port = Number(/:(\d+)\//.exec(platform.stdout)?.[1]);
        proxy.target = port;
        break;
      }
      case 'disk-full':
        if (!mounted) return;
        await fill(cwd);
        diskFull = true;
        freeDiskAt = progress + fault.hold;
        break;
    }
    injected.push(fault.kind);
  };

  const onProgress = () => {
    progress += 1;
    if (progress >= freeDiskAt) firing = firing.then(freeDisk);
    while (pending[0] !== undefined && pending[0].at <= progress) {
      const fault = pending.shift()!;
      firing = firing.then(() => fire(fault)).catch(() => undefined);
    }
  };

  function startClient(command: string[]): Child {
    const args = [BIN, 'session', ...command];
    if (command[0] === 'start') args.push(...START, '--time-scale', String(o.timeScale));
    args.push(...markupArgs(plan.markup), '--host', host);
    const c = new Child(process.execPath, args, {
      cwd,
      env: { ...env, TOKEN },
      onLine: (line) => {
        if (/^file \d+ (received|accepted)/.test(line)) onProgress();
      },
    });
    clients.push(c);
    return c;
  }

  const sessionEnded = () => platforms.some((p) => /Session \d+ ended/.test(p.stdout));
  const watchdog = new Promise<'stuck'>((res) => {
    const timer = setTimeout(() => res('stuck'), o.watchdogMs ?? 120_000);
    timer.unref();
  });

  startClient(['start']);
  try {
    // The client ends with the session; one that ends while it is still open is resumed.
    for (;;) {
      const client = clients[clients.length - 1]!;
      const code = await Promise.race([client.exited, watchdog]);
      if (code === 'stuck') {
        stuck = true;
        break;
      }
      await firing;
      if (clients[clients.length - 1] !== client) continue; // killed and resumed by a fault
      // A client exits 0 on `session-close`; the platform says so once the report is written.
      if (code === 0) await Promise.race([sessionEndedLine, watchdog]);
      if (sessionEnded()) break;
      const tail = client.stderr.trim().split('\n').slice(-2).join(' | ');
      clientFailures.push(`exit ${String(code)}: ${tail.slice(0, 300)}`);
      if (clientFailures.length > 3) break;
      await freeDisk();
      startClient(['reconnect']);
    }
  } finally {
    pending.length = 0;
    await firing.catch(() => undefined);
    await freeDisk();
    for (const c of clients) c.kill('SIGKILL');
    await Promise.all(clients.map((c) => c.exited));
    // A graceful stop: a session still open is aborted and reported (its unanswered files show as lost).
    platform.kill('SIGTERM');
    await Promise.race([platform.exited, watchdog]);
    platform.kill('SIGKILL');
    await platform.exited;
    await proxy.close();
  }
  const left = await leftovers(o.marker);
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  const verdict = await checkInvariant({
    store,
    filesDir: join(cwd, 'files'),
    dataset: o.dataset,
    clientLog: clients.map((c) => `${c.stdout}\n${c.stderr}`).join('\n'),
  });
  const failed =
    verdict.lost.length > 0 || left.length > 0 || stuck || verdict.mixedUp.length > 0 || verdict.noSession;
  const keep = failed || process.env.CHAOS_KEEP === '1';
  if (keep) {
    // Everything needed to see what happened: each process's output, the client's files (off the tmpfs).
    for (const [i, c] of clients.entries())
      await writeFile(join(dir, `client-${i + 1}.log`), `${c.stdout}\n--- stderr\n${c.stderr}`);
    for (const [i, p] of platforms.entries())
      await writeFile(join(dir, `platform-${i + 1}.log`), `${p.stdout}\n--- stderr\n${p.stderr}`);
    if (mounted) await cp(cwd, join(dir, 'client-files'), { recursive: true }).catch(() => undefined);
    await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
  }
  if (mounted) execFileSync('umount', ['-l', cwd], { stdio: 'pipe' });
  if (!keep) await rm(dir, { recursive: true, force: true });
  else verdict.notes.push(`kept for inspection: ${dir}`);
  return { ...verdict, plan, injected, clientFailures, stuck, leftovers: left, ms: Date.now() - began };
}

/** A seeded plan: one markup, one to three faults at random progress lines. */
export function planRun(random: () => number, files: number): RunPlan {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const faults: Fault[] = [];
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    faults.push({
      kind: pick(FAULT_KINDS),
      at: 1 + Math.floor(random() * files * 1.5),
      hold: 2 + Math.floor(random() * 10),
    });
  }
  return { markup: pick(MARKUP_KINDS), faults };
}
