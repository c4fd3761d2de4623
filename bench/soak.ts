// The soak (`npm run soak`): 10 000 files through one session, time-scaled. The local platform runs
// in this process; the client is the real CLI from dist in its own process (`readable session start
// --type final --markup demo`), so its RSS and open descriptors are read from /proc/<pid>. A sample
// every 1000 answered files; pass: RSS no more than 10 % above the sample at 1000, descriptors no
// more than at 1000. Not a test (test/soak/soak.test.ts runs a small version).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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
  fds: number;
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
Open descriptors: the least of 20 reads a few turns of the event loop apart, so a file being written
at that instant (an input, an answer, a journal append) is not taken for a leak.
*/
async function fds(pid: number): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 20; i++) {
    least = Math.min(least, (await readdir(`/proc/${pid}/fd`)).length);
    await new Promise((res) => setImmediate(res));
  }
  return least;
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
    out(`${'files'.padStart(7)} ${'RSS MB'.padStart(8)} ${'fds'.padStart(5)} ${'s'.padStart(7)}`);
    platform.on(PlatformEvent.fileAnswered, ({ counts }) => {
      if (!counts) return;
      answered += 1;
      if (answered % o.every !== 0) return;
      const at = answered;
      sampling = sampling
        .then(async () => {
          const s = {
            answered: at,
            rssMb: await rssMb(pid),
            fds: await fds(pid),
            seconds: (Date.now() - began) / 1000,
          };
          samples.push(s);
          out(
            `${String(s.answered).padStart(7)} ${s.rssMb.toFixed(1).padStart(8)} ${String(s.fds).padStart(5)} ${s.seconds.toFixed(1).padStart(7)}`,
          );
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
    // A leak accumulates: the last two samples against the first two (the least of each pair, so a
    // burst of writes caught by one sample is not taken for a trend).
    const least = (xs: SoakSample[]) => Math.min(...xs.map((x) => x.fds));
    const fdGrowth = samples.length >= 2 ? least(samples.slice(-2)) - least(samples.slice(0, 2)) : NaN;
    const pass = clientExit === 0 && samples.length > 1 && rssGrowth <= 0.1 && fdGrowth <= 0;
    out(
      `client exit ${String(clientExit)}; answered ${answered}/${o.files}; platform status: ${Object.entries(
        statuses,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    out(
      `RSS growth after the first ${o.every}: ${(rssGrowth * 100).toFixed(1)} % (limit 10 %); descriptor growth (last two samples against the first two): ${fdGrowth} (limit 0) → ${pass ? 'PASS' : 'FAIL'}`,
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
