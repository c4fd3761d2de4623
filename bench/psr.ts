// PSR throughput: essays/s on a realistic dataset repeated to ≥ 1000 essays, and time per essay as markups grow.
// Run: node --import tsx bench/psr.ts
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { scorePsr } from '../src/scoring/psr/index.js';
import type { PsrInput, PsrSelection } from '../src/scoring/psr/index.js';
import { rng } from './rng.js';
import {
  buildPsrEnvelope,
  groupDirectory,
  readMarkupFile,
  scorePsrFiles,
} from '../src/scoring/input/index.js';

const DEMO = join(import.meta.dirname, '..', 'data', 'demo');
const TYPES = [
  'проблема',
  'пример',
  'пояснение',
  'связь',
  'позиция',
  'Г.согл',
  'Г.упр',
  'Р.повтор',
  'Р.лишн',
  'Л.скачок',
];

/** The participant is expert 1's markup with offsets nudged by a few characters, scored against all experts. */
function jitter(selections: readonly PsrSelection[], textLength: number, rand: () => number): PsrSelection[] {
  return selections.map((s) => {
    const start = Math.max(0, Math.min(textLength, s.startSelection + Math.round((rand() - 0.5) * 8)));
    const end = Math.max(start, Math.min(textLength, s.endSelection + Math.round((rand() - 0.5) * 8)));
    return { ...s, startSelection: start, endSelection: end };
  });
}

async function demoInputs(): Promise<PsrInput[]> {
  if (!existsSync(DEMO)) return [];
  const rand = rng(1);
  const inputs: PsrInput[] = [];
  for (const g of await groupDirectory(DEMO)) {
    if (g.experts.length === 0) continue;
    const experts = await Promise.all(g.experts.map((f) => readMarkupFile(f)));
    const first = experts[0]!;
    const participant = { ...first, markupId: `${first.markupId}-participant`, criteria: first.criteria };
    participant.selections = jitter(first.selections, first.text.length, rand);
    inputs.push(buildPsrEnvelope(participant, experts).input);
  }
  return inputs;
}

/** A synthetic essay: n words of text, a base markup of `perMarkup` fragments and three noisy copies of it. */
function syntheticInput(perMarkup: number, seed: number): PsrInput {
  const rand = rng(seed);
  const words = Math.max(300, perMarkup * 6);
  const text = Array.from({ length: words }, (_, i) => `слово${i}`).join(' ');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < words; i++) {
    starts.push(at);
    at += `слово${i}`.length + 1;
  }
  const base: PsrSelection[] = Array.from({ length: perMarkup }, (_, i) => {
    const w = Math.floor(rand() * (words - 20));
    const len = 1 + Math.floor(rand() * 15);
    return {
      id: i,
      startSelection: starts[w]!,
      endSelection: starts[w + len]! - 1,
      type: TYPES[Math.floor(rand() * TYPES.length)]!,
      subtype: rand() < 0.3 ? 'повт' : '',
      correction: '',
    };
  });
  const copy = (): PsrSelection[] =>
    jitter(
      base.filter(() => rand() > 0.1),
      text.length,
      rand,
    ).map((s) => (rand() < 0.1 ? { ...s, type: TYPES[Math.floor(rand() * TYPES.length)]! } : s));
  const criteria = { K1: 1, K2: 3, K3: 1 };
  return {
    essay: {
      id: `synthetic-${perMarkup}`,
      meta: { subject: 'rus' },
      text,
      markups: [
        { id: 'participant', isExpert: false, criteria, selections: copy() },
        { id: 'exp1', isExpert: true, criteria, selections: copy() },
        { id: 'exp2', isExpert: true, criteria, selections: copy() },
      ],
    },
  };
}

function timeScoring(inputs: readonly PsrInput[], minEssays: number): { essays: number; ms: number } {
  for (const input of inputs.slice(0, 50)) scorePsr(input); // warm-up
  const reps = Math.ceil(minEssays / inputs.length);
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) for (const input of inputs) scorePsr(input);
  return { essays: reps * inputs.length, ms: performance.now() - t0 };
}

export async function benchPsr(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  let inputs = await demoInputs();
  figures.psr_dataset_from_demo = inputs.length > 0 ? 1 : 0;
  if (inputs.length === 0) inputs = Array.from({ length: 40 }, (_, i) => syntheticInput(46, 100 + i));
  const markups = inputs.reduce((n, i) => n + i.essay.markups.length, 0);
  const selections = inputs.reduce(
    (n, i) => n + i.essay.markups.reduce((m, k) => m + k.selections.length, 0),
    0,
  );
  figures.psr_dataset_essays = inputs.length;
  figures.psr_dataset_markups_per_essay = Number((markups / inputs.length).toFixed(2));
  figures.psr_dataset_selections_per_markup = Number((selections / markups).toFixed(1));
  const run = timeScoring(inputs, 1000);
  figures.psr_essays_scored = run.essays;
  figures.psr_essays_per_s = Math.round((run.essays / run.ms) * 1000);
  // Contest-sized markups (≈ 46 selections each, 3 markups per essay), whatever the demo data holds.
  const synthetic = Array.from({ length: 40 }, (_, i) => syntheticInput(46, 100 + i));
  const run46 = timeScoring(synthetic, 1000);
  figures.psr_46_selections_essays_per_s = Math.round((run46.essays / run46.ms) * 1000);

  if (existsSync(DEMO)) {
    // The whole file path: read, check, build the envelope, score (files come from the OS cache).
    const groups = (await groupDirectory(DEMO)).filter((g) => g.experts.length >= 2);
    const t0 = performance.now();
    let n = 0;
    for (let r = 0; n < 300; r++)
      for (const g of groups) {
        await scorePsrFiles(g.experts[0], g.experts.slice(1));
        n++;
      }
    figures.psr_files_essays_per_s = Math.round((n / (performance.now() - t0)) * 1000);
  }

  for (const size of [10, 50, 200, 1000]) {
    const input = syntheticInput(size, size);
    const count = size >= 1000 ? 5 : size >= 200 ? 30 : 200;
    scorePsr(input);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) scorePsr(input);
    figures[`psr_ms_per_essay_${size}_selections`] = Number(((performance.now() - t0) / count).toFixed(3));
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = await benchPsr();
  const rows: Array<[string, string]> = [
    [
      `dataset (${f.psr_dataset_from_demo ? 'data/demo' : 'synthetic'})`,
      `${f.psr_dataset_essays} essays, ${f.psr_dataset_markups_per_essay} markups/essay, ${f.psr_dataset_selections_per_markup} selections/markup`,
    ],
    [
      'PSR scoring, essays/s',
      `${f.psr_essays_per_s} (${f.psr_essays_scored} essays; target ≥ 800, official ≈ 8)`,
    ],
  ];
  rows.push(['PSR scoring, 3 markups × ≈46 selections, essays/s', String(f.psr_46_selections_essays_per_s)]);
  if (f.psr_files_essays_per_s !== undefined)
    rows.push(['files → envelope → PSR, essays/s', String(f.psr_files_essays_per_s)]);
  for (const size of [10, 50, 200, 1000])
    rows.push([
      `ms per essay, 3 markups × ${size} selections`,
      String(f[`psr_ms_per_essay_${size}_selections`]),
    ]);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}
