// Markup overhead and worker scaling, for `npm run bench` (bench/index.ts). Not a test.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Essay } from '../src/essay/index.js';
import {
  adaptMarkup,
  createCommandMarkup,
  createHttpMarkup,
  createWorkerMarkup,
  type Markup,
} from '../src/markup/index.js';

const ROOT = join(import.meta.dirname, '..');
const NODE = `'${process.execPath}'`;
const ROUNDS = 5;
const PER_ROUND = 200;
const COMMAND_PER_ROUND = 10;
/** Iterations of CPU work per essay in the CPU-bound worker (about 20 ms on an idle core here). */
const WORK = 4_000_000;
const CPU_ESSAYS = 48;

export interface MarkupFigures {
  overheadMs: Record<string, { p50: number; p99: number; overP50: number; ratioP50: number }>;
  throughput: Record<string, number>;
  scaling1to2: number;
  scaling1to4: number;
  targets: Record<string, 'PASS' | 'MISS'>;
  settings: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The same trivial marking everywhere: one selection at the start. */
function inProcess(): Markup {
  return adaptMarkup((essay: Essay) => {
    essay.selections.add({ startSelection: 0, endSelection: 1, type: 'проблема', group: 'meaning' });
    return essay;
  }, 'in-process');
}

async function httpServerProcess(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/http-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const port = /^listening (\d+)$/.exec(line)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}/mark`, stop: () => child.stdin.end() };
  }
  throw new Error('bench http server did not start');
}

async function timeOne(markup: Markup, essay: Essay): Promise<number> {
  const start = performance.now();
  await markup.markup(essay, {
    fileId: essay.meta.id,
    deadline: Date.now() + 60_000,
    signal: new AbortController().signal,
  });
  return performance.now() - start;
}

export async function benchMarkup(): Promise<MarkupFigures> {
  const essay = await Essay.fromFile(join(ROOT, 'data/demo/train/1000001.json'));
  const server = await httpServerProcess();
  const modes: Record<string, Markup> = {
    'in-process': inProcess(),
    worker: await createWorkerMarkup({ command: `${NODE} examples/node-worker.mjs`, cwd: ROOT }),
    http: createHttpMarkup({ urls: [server.url], perServer: 1 }),
    // A process per essay, for contrast: the same marking, one-shot.
    command: createCommandMarkup({
      command: `${NODE} -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const e=JSON.parse(s);e.selections.push({id:1,startSelection:0,endSelection:1,type:'проблема',group:'meaning'});process.stdout.write(JSON.stringify(e))})"`,
      cwd: ROOT,
    }),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
  // Warm up (JIT, keep-alive connections), then interleaved rounds so load drifts hit every mode alike.
  for (const markup of Object.values(modes)) for (let i = 0; i < 5; i++) await timeOne(markup, essay);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [mode, markup] of Object.entries(modes)) {
      const n = mode === 'command' ? COMMAND_PER_ROUND : PER_ROUND;
      for (let i = 0; i < n; i++) samples[mode]!.push(await timeOne(markup, essay));
    }
  }
  for (const markup of Object.values(modes)) await markup.close?.();
  server.stop();

  const round3 = (x: number) => Number(x.toFixed(3));
  const base = [...samples['in-process']!].sort((a, b) => a - b);
  const baseP50 = percentile(base, 50);
  const overheadMs: MarkupFigures['overheadMs'] = {};
  for (const [mode, values] of Object.entries(samples)) {
    const sorted = [...values].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    overheadMs[mode] = {
      p50: round3(p50),
      p99: round3(percentile(sorted, 99)),
      overP50: round3(p50 - baseP50),
      ratioP50: Number((p50 / baseP50).toFixed(1)),
    };
  }

  const throughput: Record<string, number> = {};
  for (const workers of [1, 2, 4]) {
    const markup = await createWorkerMarkup({
      command: `${NODE} bench/fixtures/cpu-worker.mjs`,
      cwd: ROOT,
      workers,
      env: { ...process.env, WORK: String(WORK) },
    });
    const start = performance.now();
    await Promise.all(Array.from({ length: CPU_ESSAYS }, () => timeOne(markup, essay)));
    throughput[`workers=${workers}`] = Number((CPU_ESSAYS / ((performance.now() - start) / 1000)).toFixed(1));
    await markup.close?.();
  }
  const scaling1to2 = Number((throughput['workers=2']! / throughput['workers=1']!).toFixed(2));
  const scaling1to4 = Number((throughput['workers=4']! / throughput['workers=1']!).toFixed(2));
  return {
    overheadMs,
    throughput,
    scaling1to2,
    scaling1to4,
    targets: {
      'worker overhead p50 <= 1 ms': overheadMs.worker!.overP50 <= 1 ? 'PASS' : 'MISS',
      'http overhead p50 <= 1 ms': overheadMs.http!.overP50 <= 1 ? 'PASS' : 'MISS',
      'throughput 1->2 workers >= 1.8x': scaling1to2 >= 1.8 ? 'PASS' : 'MISS',
    },
    settings: {
      rounds: ROUNDS,
      perRound: PER_ROUND,
      commandPerRound: COMMAND_PER_ROUND,
      workPerEssay: WORK,
      cpuEssays: CPU_ESSAYS,
    },
  };
}

export function formatMarkup(f: MarkupFigures): string {
  const lines = ['mode          p50 ms    p99 ms   p50 over in-process   ×in-process'];
  for (const [mode, o] of Object.entries(f.overheadMs)) {
    lines.push(
      `${mode.padEnd(12)}${o.p50.toFixed(3).padStart(8)}${o.p99.toFixed(3).padStart(10)}${o.overP50.toFixed(3).padStart(16)} ms${String(o.ratioP50).padStart(13)}×`,
    );
  }
  lines.push(
    `CPU-bound (${f.settings.workPerEssay} iterations/essay, ${f.settings.cpuEssays} essays): ` +
      Object.entries(f.throughput)
        .map(([k, v]) => `${k} ${v}/s`)
        .join(', ') +
      `; 1→2 ×${f.scaling1to2}, 1→4 ×${f.scaling1to4}`,
  );
  for (const [target, verdict] of Object.entries(f.targets)) lines.push(`${verdict}  ${target}`);
  return lines.join('\n');
}
