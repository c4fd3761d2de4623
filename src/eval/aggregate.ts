// Per-essay scores → the figures of summary.json (docs/eval.md).
import { isSubject, catalogueFor } from '../scoring/catalogue/index.js';
import type {
  AccuracyStats,
  CriterionStats,
  EssayScore,
  RunSummary,
  SubjectSummary,
  TypeCounts,
  TypeStats,
  WorstEssay,
} from './types.js';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const meanOf = (xs: readonly number[], digits = 2): number | null =>
  xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, digits);
const numbers = (xs: ReadonlyArray<number | null>): number[] =>
  xs.filter((x): x is number => typeof x === 'number');

export function accuracy(scores: readonly EssayScore[]): AccuracyStats {
  const scored = scores.filter((s) => s.status === 'scored');
  const pairs = scored.flatMap((s) => s.experts.map((e) => e.metrics.MTotal));
  return {
    essays: scored.length,
    pairs: pairs.length,
    STAR: meanOf(numbers(scored.map((s) => s.STAR))),
    OTAR: meanOf(numbers(scored.map((s) => s.OTAR))),
    MTotal: meanOf(pairs),
    STER_AVG: meanOf(numbers(scored.map((s) => s.STER_AVG))),
  };
}

export function typeStats(scores: readonly EssayScore[]): TypeStats[] {
  const totals = new Map<string, TypeCounts>();
  for (const s of scores)
    for (const [type, c] of Object.entries(s.types)) {
      const t = totals.get(type) ?? { matched: 0, missed: 0, retyped: 0, spurious: 0 };
      t.matched += c.matched;
      t.missed += c.missed;
      t.retyped += c.retyped;
      t.spurious += c.spurious;
      totals.set(type, t);
    }
  return [...totals]
    .map(([type, c]) => {
      const precision = c.matched + c.spurious === 0 ? null : round(c.matched / (c.matched + c.spurious), 4);
      const recall = c.matched + c.missed === 0 ? null : round(c.matched / (c.matched + c.missed), 4);
      const f1 =
        precision === null || recall === null
          ? null
          : precision + recall === 0
            ? 0
            : round((2 * precision * recall) / (precision + recall), 4);
      return { type, ...c, precision, recall, f1 };
    })
    .sort((a, b) => b.matched + b.missed - (a.matched + a.missed) || (a.type < b.type ? -1 : 1));
}

export function criterionStats(subject: string, scores: readonly EssayScore[]): CriterionStats[] {
  const maxima = isSubject(subject) ? catalogueFor(subject).criteriaMax : [];
  const keys = new Set<string>(maxima.map((_, i) => `K${i + 1}`));
  for (const s of scores) for (const k of Object.keys(s.criteria)) keys.add(k);
  const order = (k: string): number => Number(/^K(\d+)$/.exec(k)?.[1] ?? 1e9);
  return [...keys]
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1))
    .map((key) => {
      const deltas: number[] = [];
      for (const s of scores) {
        if (s.status !== 'scored') continue;
        const ours = s.criteria[key];
        if (ours === undefined) continue;
        for (const e of s.experts) {
          const theirs = e.criteria[key];
          if (theirs !== undefined) deltas.push(ours - theirs);
        }
      }
      return {
        key,
        max: maxima[order(key) - 1] ?? 0,
        n: deltas.length,
        meanAbsDelta: meanOf(deltas.map(Math.abs), 3),
        exactRate: meanOf(
          deltas.map((d) => (d === 0 ? 1 : 0)),
          4,
        ),
        meanDelta: meanOf(deltas, 3),
      };
    });
}

export function subjectSummaries(scores: readonly EssayScore[]): SubjectSummary[] {
  const bySubject = new Map<string, EssayScore[]>();
  for (const s of scores) {
    const list = bySubject.get(s.subject) ?? [];
    list.push(s);
    bySubject.set(s.subject, list);
  }
  return [...bySubject]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([subject, list]) => ({
      subject,
      ...accuracy(list),
      criteria: criterionStats(subject, list),
      types: typeStats(list),
    }));
}

export function worstEssays(scores: readonly EssayScore[], count = 10): WorstEssay[] {
  return scores
    .filter((s): s is EssayScore & { MTotal: number } => s.status === 'scored' && s.MTotal !== null)
    .sort((a, b) => a.MTotal - b.MTotal || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((s) => ({
      id: s.id,
      name: s.name,
      subject: s.subject,
      split: s.split,
      MTotal: s.MTotal,
      STAR: s.STAR,
      OTAR: s.OTAR,
    }));
}

export type RunHeader = Omit<
  RunSummary,
  'counts' | 'overall' | 'subjects' | 'worst' | 'failures' | 'timing'
> & {
  timing: { wallMs: number; scoringMs: number };
};

/** The whole summary; `notRun` = selected essays without a line in `scores`. */
export function summarize(header: RunHeader, scores: readonly EssayScore[]): RunSummary {
  const scored = scores.filter((s) => s.status === 'scored');
  return {
    ...header,
    counts: {
      selected: header.dataset.essays,
      scored: scored.length,
      failed: scores.length - scored.length,
      late: scores.filter((s) => s.late).length,
      notRun: Math.max(0, header.dataset.essays - scores.length),
    },
    overall: { ...accuracy(scores), types: typeStats(scores) },
    subjects: subjectSummaries(scores),
    worst: worstEssays(scores),
    failures: scores
      .filter((s) => s.status === 'failed')
      .map((s) => ({
        id: s.id,
        name: s.name,
        subject: s.subject,
        split: s.split,
        stage: s.failure!.stage,
        message: s.failure!.message,
      })),
    timing: {
      wallMs: header.timing.wallMs,
      markupMs: Math.round(scores.reduce((a, s) => a + (s.markupMs ?? 0), 0)),
      scoringMs: Math.round(header.timing.scoringMs),
    },
  };
}
