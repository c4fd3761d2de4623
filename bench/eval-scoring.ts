// `readable eval` scoring speed: 10 000 essays × 3 markups (1 answer + 2 experts) scored, markup time excluded.
// The answers are expert markups with shifted, dropped and retyped fragments, so PSR does real matching work.
// Run alone: node --import tsx bench/eval-scoring.ts
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { Dataset, defaultDatasetDir } from '../src/dataset/index.js';
import { createScorePool, localScorer, summarize } from '../src/eval/index.js';
import type { ScoreEssayInput } from '../src/eval/index.js';
import { rng } from './rng.js';

const ESSAYS = 10_000;

type Json = Record<string, unknown>;
type Sel = { startSelection: number; endSelection: number; type: string; [k: string]: unknown };

async function inputs(): Promise<ScoreEssayInput[]> {
  const dataset = await Dataset.load(defaultDatasetDir());
  const sources = await Promise.all(
    dataset.entries
      .filter((e) => e.experts >= 2)
      .map(async (e) => ({ entry: e, experts: await dataset.expertFiles(e) })),
  );
  const random = rng(11);
  const out: ScoreEssayInput[] = [];
  for (let i = 0; i < ESSAYS; i++) {
    const { entry, experts } = sources[i % sources.length]!;
    const base = experts[experts.length - 1]!.value as Json;
    const text = base.text as string;
    const selections = (base.selections as Sel[])
      .filter(() => random() > 0.2)
      .map((s) => {
        const shift = Math.floor(random() * 20) - 10;
        const start = Math.min(text.length, Math.max(0, s.startSelection + shift));
        const end = Math.min(text.length, Math.max(start, s.endSelection + shift));
        return { ...s, startSelection: start, endSelection: end, type: random() < 0.1 ? 'Р.лишн' : s.type };
      });
    const answer = { meta: base.meta, text, selections };
    out.push({
      ref: { id: String(i), name: null, subject: entry.subject, split: entry.split, words: entry.words },
      answer: { file: `answers/${i}.json`, json: JSON.stringify(answer) },
      experts: experts
        .slice(0, 2)
        .map((e) => ({ markupId: e.markupId, file: e.file, json: JSON.stringify(e.value) })),
      markupMs: null,
      late: false,
    });
  }
  return out;
}

export interface EvalScoringFigures {
  essays: number;
  markupsPerEssay: number;
  selectionsPerMarkup: number;
  inThreadMs: number;
  /** CPU time of the in-thread pass (user + system). */
  inThreadCpuMs: number;
  pool2Ms: number;
  /** CPU time of the whole process (both workers) during the pool pass. */
  pool2CpuMs: number;
  pool2StartMs: number;
  aggregateMs: number;
  ratioPoolToInThread: number;
  scored: number;
  load: number[];
}

export async function benchEvalScoring(): Promise<EvalScoringFigures> {
  const all = await inputs();
  const selections =
    all
      .slice(0, 200)
      .reduce((n, x) => n + (JSON.parse(x.answer.json) as { selections: unknown[] }).selections.length, 0) /
    200;
  const local = localScorer();
  // Warm-up so both measurements see optimised code.
  for (const x of all.slice(0, 200)) await local(x);

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const x of all) await local(x);
  const inThreadMs = performance.now() - t0;
  const cpu0 = process.cpuUsage(c0);

  const p0 = performance.now();
  const pool = createScorePool(2);
  await pool.scoreAll(all.slice(0, 100));
  const pool2StartMs = performance.now() - p0;
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const pooled = await pool.scoreAll(all);
  const pool2Ms = performance.now() - t1;
  const cpu1 = process.cpuUsage(c1);
  await pool.close();

  const t2 = performance.now();
  summarize(
    {
      format: 'readable-eval-run',
      version: 1,
      toolkit: 'bench',
      name: 'bench',
      startedAt: '',
      endedAt: '',
      complete: true,
      dataset: { dir: 'bench', split: 'all', subjects: null, limit: null, essays: pooled.length },
      markup: { mode: 'bench', description: 'bench' },
      scoring: { compat: 'default', m7Tables: null },
      deadlineSec: null,
      timing: { wallMs: 0, scoringMs: 0 },
    },
    pooled,
  );
  const aggregateMs = performance.now() - t2;
  return {
    essays: all.length,
    markupsPerEssay: 3,
    selectionsPerMarkup: Math.round(selections),
    inThreadMs: Math.round(inThreadMs),
    inThreadCpuMs: Math.round((cpu0.user + cpu0.system) / 1000),
    pool2Ms: Math.round(pool2Ms),
    pool2CpuMs: Math.round((cpu1.user + cpu1.system) / 1000),
    pool2StartMs: Math.round(pool2StartMs),
    aggregateMs: Math.round(aggregateMs),
    ratioPoolToInThread: Number((pool2Ms / inThreadMs).toFixed(2)),
    scored: pooled.filter((s) => s.status === 'scored').length,
    load: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** The lines `npm run bench` prints. */
export function formatEvalScoring(f: EvalScoringFigures): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  return [
    `${f.essays} essays × ${f.markupsPerEssay} markups (~${f.selectionsPerMarkup} selections per answer), markup time excluded; ${f.scored} scored`,
    `  2 worker threads (readable eval --jobs 2): ${s(f.pool2Ms)} wall, ${s(f.pool2CpuMs)} CPU; pool start ${s(f.pool2StartMs)}`,
    `  floor, one thread in-process:             ${s(f.inThreadMs)} wall, ${s(f.inThreadCpuMs)} CPU; ratio pool/floor ${f.ratioPoolToInThread}`,
    `  summary.json aggregation:                 ${s(f.aggregateMs)}`,
    `  load average after: ${f.load.join(' ')}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatEvalScoring(await benchEvalScoring()));
}
