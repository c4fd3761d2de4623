// Terminal tables of `readable eval` and `readable eval compare`.
import { num, table } from '../scoring/psr/index.js';
import type { AccuracyStats, EssayRef, RunSummary, TypeStats } from './types.js';

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, d: number): string => (x === null ? '-' : x.toFixed(d));

export function essayLabel(e: Pick<EssayRef, 'id' | 'name'>): string {
  return e.name === null ? e.id : `${e.id} (${e.name})`;
}

const ACCURACY_HEAD = ['', 'essays', 'pairs', 'STAR', 'OTAR', 'MTotal', 'STER_AVG (ceiling)'];
const accuracyRow = (label: string, a: AccuracyStats): string[] => [
  label,
  String(a.essays),
  String(a.pairs),
  num(a.STAR),
  num(a.OTAR),
  num(a.MTotal),
  num(a.STER_AVG),
];

function typeRows(types: readonly TypeStats[], limit: number): string[][] {
  return [
    ['type', 'matched', 'missed', '(retyped)', 'spurious', 'precision', 'recall', 'F1'],
    ...types
      .slice(0, limit)
      .map((t) => [
        t.type,
        String(t.matched),
        String(t.missed),
        String(t.retyped),
        String(t.spurious),
        fixed(t.precision, 2),
        fixed(t.recall, 2),
        fixed(t.f1, 2),
      ]),
  ];
}

export interface FormatRunOptions {
  /** Rows of the type table. @default 25 */
  types?: number;
}

export function formatRun(dir: string, s: RunSummary, options: FormatRunOptions = {}): string {
  const c = s.counts;
  const out: string[] = [
    `run ${dir}${s.complete ? '' : ' (INCOMPLETE: interrupted)'}`,
    `markup ${s.markup.description} over ${s.dataset.dir} (split ${s.dataset.split}` +
      `${s.dataset.subjects ? `, subjects ${s.dataset.subjects.join(',')}` : ''}), scoring ${s.scoring.compat}` +
      `${s.scoring.m7Tables ? ` with M7 tables ${s.scoring.m7Tables}` : ''}`,
    `${c.selected} selected: ${c.scored} scored, ${c.failed} failed` +
      `${s.deadlineSec === null ? '' : `, ${c.late} would be late (> ${s.deadlineSec} s)`}` +
      `${c.notRun > 0 ? `, ${c.notRun} not run` : ''}`,
    '',
    ...table([
      ACCURACY_HEAD,
      accuracyRow('all', s.overall),
      ...s.subjects.map((x) => accuracyRow(x.subject, x)),
    ]),
  ];
  const crit = s.subjects.flatMap((x) =>
    x.criteria
      .filter((k) => k.n > 0)
      .map((k) => [
        x.subject,
        k.key,
        String(k.max),
        String(k.n),
        fixed(k.meanAbsDelta, 2),
        pct(k.exactRate),
        fixed(k.meanDelta, 2),
      ]),
  );
  if (crit.length > 0)
    out.push(
      '',
      "criteria, our K against each expert's:",
      ...table([['subject', 'K', 'max', 'n', 'mean |ΔK|', 'exact', 'mean ΔK'], ...crit]),
    );
  if (s.overall.types.length > 0) {
    const limit = options.types ?? 25;
    out.push(
      '',
      'markup types, from the PSR matching (each expert counts):',
      ...table(typeRows(s.overall.types, limit)),
    );
    if (s.overall.types.length > limit)
      out.push(`… ${s.overall.types.length - limit} more types in summary.json`);
  }
  if (s.worst.length > 0)
    out.push(
      '',
      'worst essays:',
      ...table([
        ['essay', 'subject', 'split', 'MTotal', 'STAR', 'OTAR'],
        ...s.worst.map((w) => [essayLabel(w), w.subject, w.split, num(w.MTotal), num(w.STAR), num(w.OTAR)]),
      ]),
    );
  if (s.failures.length > 0) {
    out.push('', `failed (${s.failures.length}):`);
    for (const f of s.failures.slice(0, 20)) out.push(`  ${essayLabel(f)} [${f.stage}] ${f.message}`);
    if (s.failures.length > 20) out.push(`  … ${s.failures.length - 20} more in summary.json`);
  }
  return out.join('\n');
}
