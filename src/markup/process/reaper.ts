import { spawn, type ChildProcess } from 'node:child_process';

const WINDOWS = process.platform === 'win32';

/**
The watchdog that stops our children's process groups when this process dies in a way that runs
no code of ours (kill -9, a crash of the runtime, the second Ctrl+C): a tiny detached Node process
that reads group ids from a pipe whose only writer is us. When the pipe closes — we exited, however
— it sends TERM to every group still registered, then KILL after a grace. The `exit` hook below
covers the ordinary exits at once. See docs/markup-worker.md ("When the client ends").
*/
const SCRIPT = `
const groups = new Set();
let buffer = '';
const signal = (name) => { for (const g of groups) { try { process.kill(-g, name); } catch {} } };
const finish = () => {
  if (groups.size === 0) process.exit(0);
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, Number(process.argv[1]) || 2000);
};
for (const s of ['SIGINT', 'SIGHUP', 'SIGTERM']) process.on(s, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i !== -1; i = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    const id = Number(line.slice(1));
    if (line[0] === '+') groups.add(id); else groups.delete(id);
  }
});
process.stdin.on('end', finish);
process.stdin.on('error', finish);
`;

const live = new Set<number>();
let watchdog: ChildProcess | undefined;
let hooked = false;

function startWatchdog(graceMs: number): ChildProcess | undefined {
  if (WINDOWS) return undefined;
  try {
    const child = spawn(process.execPath, ['-e', SCRIPT, String(graceMs)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // Only what Node needs: the watchdog has no use for the user's environment (or a token).
      env: { PATH: process.env.PATH ?? '' },
      windowsHide: true,
    });
    child.on('error', () => {
      watchdog = undefined;
    });
    child.stdin?.on('error', () => {});
    // Neither the process nor its pipe keeps this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return undefined;
  }
}

/** Signals a whole process group; a group that is gone already is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    if (WINDOWS) process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/** Registers a process group to be killed if we die; call `release` once it is gone. */
export function guardGroup(pid: number, graceMs = 2000): void {
  live.add(pid);
  if (!hooked) {
    hooked = true;
    // Synchronous, so it also runs on process.exit(): nothing we started outlives us.
    process.on('exit', () => {
      for (const id of live) signalGroup(id, 'SIGKILL');
    });
  }
  watchdog ??= startWatchdog(graceMs);
  watchdog?.stdin?.write(`+${pid}\n`);
}

export function releaseGroup(pid: number): void {
  if (!live.delete(pid)) return;
  watchdog?.stdin?.write(`-${pid}\n`);
}

/** Group ids registered now (tests). */
export function guardedGroups(): number[] {
  return [...live];
}
