// The soak (`npm run soak`): 10 000 files through one session, time-scaled. The local platform runs
// in this process; the client is the real CLI from dist in its own process (`readable session start
// --type final --markup demo`), so its RSS and open descriptors are read from /proc/<pid>. A sample
// every 1000 answered files; pass: RSS no more than 10 % above the sample at 1000, descriptors no
// more than at 1000. Not a test (test/soak/soak.test.ts runs a small version).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PlatformEvent, startPlatform } from '../src/platform/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'index.js');
const TOKEN = 'soak-token-0123456789abcdef';

export interface SoakOptions {
  files: number;
  /** Answered files between two samples. */
  every: number;
  /** Time scale of platform and client: a final's 60 s per file × scale. @default 0.05 (3 s) */
  timeScale?: number;
  /** Real milliseconds between two pushes. @default 4 */
  pushEveryMs?: number;
  out?: (line: string) => void;
}

export interface SoakSample {
  answered: number;
  rssMb: number;
  /** Every open descriptor. */
  fds: number;
  /** Without the files open for one write (see `fds`). */
  lasting: number;
  seconds: number;
}

export interface SoakResult {
  samples: SoakSample[];
  answered: number;
  statuses: Record<string, number>;
  clientExit: number | null;
  rssGrowth: number;
  fdGrowth: number;
  pass: boolean;
}

/** `files` test essays of distinct texts, as a final session serves them. */
async function writeDataset(dir: string, files: number): Promise<void> {
  await mkdir(join(dir, 'test'), { recursive: true });
  const index = [];
  const body = 'Проблема, поднятая автором, актуальна и сегодня. Автор убеждает нас в этом. ';
  for (let i = 0; i < files; i++) {
    const id = String(9_000_000 + i);
    const text = `Сочинение ${id}. ${body.repeat(4)}`;
    await writeFile(
      join(dir, 'test', `${id}.json`),
      JSON.stringify({ meta: { id, subject: 'rus', theme: 'Тема', taskText: '' }, text, selections: [] }),
    );
    index.push({ id, split: 'test', subject: 'rus', lang: 'rus', words: 30, experts: 0 });
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
Open descriptors, two counts: all of them, and the lasting ones, without what a session opens for one
write at a time under `files/sessions/<id>/input|output` (an input or an answer being saved, the temp
file of an atomic write, the folder flushed after a rename): at a push every few milliseconds some are
always in flight, and they come and go. Sockets,
pipes, event fds, logs and journals are lasting: a leak of any of them shows there. Each the least of 20
reads a few turns of the event loop apart.
*/
async function fds(pid: number): Promise<{ all: number; lasting: number }> {
  let all = Infinity;
  let lasting = Infinity;
  for (let i = 0; i < 20; i++) {
    const dir = `/proc/${pid}/fd`;
    const targets = await Promise.all(
      (await readdir(dir)).map((n) => readlink(join(dir, n)).catch(() => 'gone')),
    );
    const open = targets.filter((t) => t !== 'gone');
    all = Math.min(all, open.length);
    const oneWrite = (t: string) => /\/files\/sessions\/[^/]+\/(input|output)(\/|$)/.test(t);
    lasting = Math.min(lasting, open.filter((t) => !oneWrite(t)).length);
    await new Promise((res) => setImmediate(res));
  }
  return { all, lasting };
}

/** What the open descriptors point at, counted by kind (SOAK_SHOW_FDS=1). */
async function describeFds(pid: number): Promise<string> {
  const dir = `/proc/${pid}/fd`;
  const kinds = new Map<string, number>();
  for (const n of await readdir(dir)) {
    const t = await readlink(join(dir, n)).catch(() => 'gone');
    const kind = t.replace(/\[\d+\]/, '[]').replace(/\d{4,}/g, 'N');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].map(([k, c]) => `        ${c} × ${k}`).join('\n');
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const out = o.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const timeScale = o.timeScale ?? 0.05;
  const pushEveryMs = o.pushEveryMs ?? 4;
  const root = await mkdtemp(join(tmpdir(), 'readable-soak-'));
  try {
    const dataset = join(root, 'dataset');
    await writeDataset(dataset, o.files);
    const platform = await startPlatform({
      dataDir: join(root, 'store'),
      datasetDir: dataset,
      tokens: [TOKEN],
      timeScale,
      finalFiles: o.files,
      pushIntervalSec: pushEveryMs / 1000 / timeScale,
    });
    const client = join(root, 'client');
    await mkdir(client);
    const args = [BIN, 'session', 'start', '--type', 'final', '--markup', 'demo'];
    args.push('--time-scale', String(timeScale), '--host', `http://127.0.0.1:${platform.port}`);
    const env: NodeJS.ProcessEnv = { ...process.env, TOKEN, FORCE_COLOR: '0' };
    for (const name of ['HOST', 'MARKUP', 'MARKUP_COMMAND', 'FILES_DIR', 'LOGS_DIR', 'DEBUG'])
      delete env[name];
    const child = spawn(process.execPath, args, { cwd: client, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    const pid = child.pid ?? -1;
    const began = Date.now();
    const samples: SoakSample[] = [];
    let answered = 0;
    let sampling: Promise<void> = Promise.resolve();
    out(
      `soak: ${o.files} files, a push every ${pushEveryMs} ms, ${60 * timeScale} s per file; load ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    out(
      `${'files'.padStart(7)} ${'RSS MB'.padStart(8)} ${'fds'.padStart(5)} ${'lasting'.padStart(8)} ${'s'.padStart(7)}`,
    );
    platform.on(PlatformEvent.fileAnswered, ({ counts }) => {
      if (!counts) return;
      answered += 1;
      if (answered % o.every !== 0) return;
      const at = answered;
      sampling = sampling
        .then(async () => {
          const rss = await rssMb(pid);
          const open = await fds(pid);
          const s = {
            answered: at,
            rssMb: rss,
            fds: open.all,
            lasting: open.lasting,
            seconds: (Date.now() - began) / 1000,
          };
          samples.push(s);
          out(
            `${String(s.answered).padStart(7)} ${s.rssMb.toFixed(1).padStart(8)} ${String(s.fds).padStart(5)} ${String(s.lasting).padStart(8)} ${s.seconds.toFixed(1).padStart(7)}`,
          );
          if (process.env.SOAK_SHOW_FDS === '1') out(await describeFds(pid));
        })
        .catch((error: unknown) => out(`sample at ${at} failed: ${String(error)}`));
    });
    const ended = new Promise<void>((res) => platform.once(PlatformEvent.sessionEnded, () => res()));
    const clientExit = await exited;
    await sampling;
    await Promise.race([ended, platform.close()]);
    const report = await platform.report(1);
    await platform.close();
    const statuses: Record<string, number> = {};
    for (const f of report?.files ?? []) statuses[f.status] = (statuses[f.status] ?? 0) + 1;
    const first = samples[0];
    const last = samples[samples.length - 1];
    const rssGrowth =
      first && last ? (Math.max(...samples.map((s) => s.rssMb)) - first.rssMb) / first.rssMb : NaN;
    // A leak accumulates: the lasting descriptors of the last sample against the first.
    const fdGrowth = first && last ? last.lasting - first.lasting : NaN;
    const pass = clientExit === 0 && samples.length > 1 && rssGrowth <= 0.1 && fdGrowth <= 0;
    out(
      `client exit ${String(clientExit)}; answered ${answered}/${o.files}; platform status: ${Object.entries(
        statuses,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    out(
      `RSS growth after the first ${o.every}: ${(rssGrowth * 100).toFixed(1)} % (limit 10 %); lasting descriptor growth: ${fdGrowth} (limit 0) → ${pass ? 'PASS' : 'FAIL'}`,
    );
    if (clientExit !== 0) out(`client stderr (tail):\n${stderr}`);
    return { samples, answered, statuses, clientExit, rssGrowth, fdGrowth, pass };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const files = Number(process.env.SOAK_FILES ?? 10_000);
  const result = await runSoak({ files, every: Number(process.env.SOAK_EVERY ?? 1000) });
  process.exitCode = result.pass ? 0 : 1;
}
