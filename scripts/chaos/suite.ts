import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../../bench/rng.js';
import { FAULT_KINDS, MARKUP_KINDS, chaosRun, planRun } from './run.js';
import type { RunPlan, RunResult } from './run.js';

export interface SuiteOptions {
  seed: number;
  runs: number;
  /** @default 0.1 (10 s per file → 1 s) */
  timeScale?: number;
  /** Plans to use instead of seeded ones (the fixed runs inside `npm test`). */
  plans?: RunPlan[];
  out?: (line: string) => void;
}

export interface SuiteFigures {
  seed: number;
  runs: number;
  stuck: number;
  injected: Record<string, number>;
  markups: Record<string, number>;
  files: number;
  statuses: Record<string, number>;
  unsavedReported: number;
  unansweredReported: number;
  lost: number;
  mixedUp: number;
  leftBehind: number;
  /** Runs in which no session was started at all. */
  noSession: number;
  clientFailures: number;
  results: RunResult[];
}

export const FILES = 10;

/** The dataset every run serves: 10 train essays with distinct texts (so a mixed-up answer shows). */
export async function writeDataset(dir: string): Promise<void> {
  await mkdir(join(dir, 'train'), { recursive: true });
  const index = [];
  for (let i = 1; i <= FILES; i++) {
    const id = String(700000 + i);
    const text = `Сочинение ${id}. `.repeat(3) + 'Проблема, поднятая автором, актуальна и сегодня.';
    await writeFile(
      join(dir, 'train', `${id}.json`),
      JSON.stringify({ meta: { id, subject: 'rus', theme: 'Тема', taskText: '' }, text, selections: [] }),
    );
    index.push({ id, split: 'train', subject: 'rus', lang: 'rus', words: 12, experts: 0 });
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

export function canMount(root: string): boolean {
  const dir = join(root, 'mount-check');
  try {
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const hold = (f: RunPlan['faults'][number]) =>
  f.kind === 'stall' || f.kind === 'disk-full' ? `+${f.hold}` : '';
const describe = (plan: RunPlan): string =>
  `${plan.markup.padEnd(12)} [${plan.faults.map((f) => `${f.kind}@${f.at}${hold(f)}`).join(' ')}]`;

/** Runs the chaos suite and prints a line per run and the figures (docs/chaos.md). */
export async function runSuite(o: SuiteOptions): Promise<SuiteFigures> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const timeScale = o.timeScale ?? 0.1;
  const root = await mkdtemp(join(tmpdir(), 'readable-chaos-'));
  const dataset = join(root, 'dataset');
  await writeDataset(dataset);
  const mount = canMount(root);
  const random = rng(o.seed);
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  out(`chaos: seed ${o.seed}, ${o.runs} runs, time scale ${timeScale}, load ${load}`);
  if (!mount) out('chaos: no tmpfs can be mounted here (not root?): the disk-full fault is skipped');
  const f: SuiteFigures = {
    seed: o.seed,
    runs: 0,
    stuck: 0,
    injected: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])),
    markups: Object.fromEntries(MARKUP_KINDS.map((k) => [k, 0])),
    files: 0,
    statuses: {},
    unsavedReported: 0,
    unansweredReported: 0,
    lost: 0,
    mixedUp: 0,
    leftBehind: 0,
    noSession: 0,
    clientFailures: 0,
    results: [],
  };
  try {
    for (let i = 0; i < o.runs; i++) {
      const plan = o.plans?.[i] ?? planRun(random, FILES);
      const r = await chaosRun(
        {
          root,
          dataset,
          files: FILES,
          timeScale,
          canMount: mount,
          marker: `CHAOS_RUN=${process.pid}-${o.seed}-${i}`,
        },
        plan,
      );
      f.results.push(r);
      f.runs += 1;
      if (r.stuck) f.stuck += 1;
      for (const k of r.injected) f.injected[k] = (f.injected[k] ?? 0) + 1;
      f.markups[plan.markup] = (f.markups[plan.markup] ?? 0) + 1;
      f.files += r.files;
      for (const [s, n] of Object.entries(r.statuses)) f.statuses[s] = (f.statuses[s] ?? 0) + n;
      f.unsavedReported += r.unsavedReported;
      f.unansweredReported += r.unansweredReported;
      f.lost += r.lost.length;
      f.mixedUp += r.mixedUp.length;
      f.leftBehind += r.leftovers.length;
      f.clientFailures += r.clientFailures.length;
      if (r.noSession) f.noSession += 1;
      const bad = r.lost.length + r.mixedUp.length + r.leftovers.length + (r.stuck || r.noSession ? 1 : 0);
      out(
        `run ${String(i + 1).padStart(3)}/${o.runs} ${describe(plan)} injected ${r.injected.length}, ` +
          `files ${r.files}, lost ${r.lost.length}, ${(r.ms / 1000).toFixed(1)} s${bad > 0 ? '  FAILED' : ''}`,
      );
      for (const line of [
        ...r.lost,
        ...r.mixedUp,
        ...r.leftovers.map((p) => `left behind: pid ${p.pid} ${p.cmd}`),
        ...r.clientFailures.map((c) => `client ended while the session was open: ${c}`),
        ...r.notes,
        ...(r.stuck ? ['stuck: the watchdog ended the run'] : []),
        ...(r.noSession ? ['no session was started: the client never got its session'] : []),
      ])
        out(`    ${line}`);
    }
  } finally {
    // The folders of failed runs stay (their paths are printed); the rest goes.
    if (f.results.every((r) => !r.notes.some((n) => n.startsWith('kept for inspection'))))
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
    else await rm(dataset, { recursive: true, force: true }).catch(() => undefined);
  }
  const kinds = (rec: Record<string, number>) =>
    Object.entries(rec)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  out('');
  out(`runs: ${f.runs} (seed ${f.seed}; stuck ${f.stuck}; without a session ${f.noSession})`);
  out(
    `faults injected: ${kinds(f.injected)} (total ${Object.values(f.injected).reduce((a, b) => a + b, 0)})`,
  );
  out(`markups: ${kinds(f.markups)}`);
  out(`files: ${f.files} pushed; platform status: ${kinds(f.statuses)}`);
  out(
    `reported, not lost: ${f.unsavedReported} unsaved (disk full), ${f.unansweredReported} unanswered with a reason`,
  );
  out(`client processes that ended while their session was open (resumed): ${f.clientFailures}`);
  out(`lost: ${f.lost}; answers mixed up: ${f.mixedUp}; processes left behind: ${f.leftBehind}`);
  return f;
}
