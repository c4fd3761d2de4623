// `readable eval compare RUN_A RUN_B`: what changed from A to B, with what got worse marked.
import { num, table } from '../scoring/psr/index.js';
import type { AccuracyStats, RunSummary } from './types.js';
import type { LoadedRun } from './read-run.js';

export interface Delta {
  /** What the row is (`all STAR`, `rus K3 mean |ΔK|`, `проблема F1`). */
  label: string;
  a: number | null;
  b: number | null;
  delta: number | null;
  worse: boolean;
}

export interface RunComparison {
  a: string;
  b: string;
  /** Differences in setup that make the figures less comparable. */
  warnings: string[];
  overall: Delta[];
  subjects: Delta[];
  criteria: Delta[];
  types: Delta[];
}

const round = (x: number, d = 4): number => Number(x.toFixed(d));

function delta(
  label: string,
  a: number | null | undefined,
  b: number | null | undefined,
  higherIsBetter = true,
): Delta {
  const x = a ?? null;
  const y = b ?? null;
  const d = x === null || y === null ? null : round(y - x);
  return { label, a: x, b: y, delta: d, worse: d !== null && (higherIsBetter ? d < 0 : d > 0) };
}

const ACC: Array<keyof AccuracyStats> = ['STAR', 'OTAR', 'MTotal'];

function setupWarnings(a: RunSummary, b: RunSummary): string[] {
  const w: string[] = [];
  if (a.dataset.dir !== b.dataset.dir || a.dataset.split !== b.dataset.split)
    w.push(
      `different essays: A is ${a.dataset.dir} (${a.dataset.split}), B is ${b.dataset.dir} (${b.dataset.split})`,
    );
  if (a.dataset.essays !== b.dataset.essays)
    w.push(`A selected ${a.dataset.essays} essays, B ${b.dataset.essays}`);
  if (a.scoring.compat !== b.scoring.compat || a.scoring.m7Tables !== b.scoring.m7Tables)
    w.push(
      `different scoring: A ${a.scoring.compat}/${a.scoring.m7Tables ?? 'no M7'}, B ${b.scoring.compat}/${b.scoring.m7Tables ?? 'no M7'}`,
    );
  if (!a.complete) w.push('A is incomplete (interrupted)');
  if (!b.complete) w.push('B is incomplete (interrupted)');
  return w;
}

export function compareRuns(runA: LoadedRun, runB: LoadedRun): RunComparison {
  const a = runA.summary;
  const b = runB.summary;
  const overall = [
    ...ACC.map((k) => delta(`all ${k}`, a.overall[k], b.overall[k])),
    delta('scored essays', a.counts.scored, b.counts.scored),
    delta('failed essays', a.counts.failed, b.counts.failed, false),
  ];
  const subjects: string[] = [...new Set([...a.subjects, ...b.subjects].map((s) => s.subject))].sort();
  const subjectRows = subjects.flatMap((s) => {
    const x = a.subjects.find((v) => v.subject === s);
    const y = b.subjects.find((v) => v.subject === s);
    return ACC.map((k) => delta(`${s} ${k}`, x?.[k] as number | null, y?.[k] as number | null));
  });
  const criteria = subjects.flatMap((s) => {
    const x = a.subjects.find((v) => v.subject === s)?.criteria ?? [];
    const y = b.subjects.find((v) => v.subject === s)?.criteria ?? [];
    const keys = [...new Set([...x, ...y].map((c) => c.key))];
    return keys.flatMap((k) => {
      const cx = x.find((c) => c.key === k);
      const cy = y.find((c) => c.key === k);
      return [
        delta(`${s} ${k} mean |ΔK|`, cx?.meanAbsDelta, cy?.meanAbsDelta, false),
        delta(`${s} ${k} exact`, cx?.exactRate, cy?.exactRate),
      ];
    });
  });
  const typeNames = [...new Set([...a.overall.types, ...b.overall.types].map((t) => t.type))];
  const types = typeNames.flatMap((t) => {
    const x = a.overall.types.find((v) => v.type === t);
    const y = b.overall.types.find((v) => v.type === t);
    return [
      delta(`${t} F1`, x?.f1, y?.f1),
      delta(`${t} precision`, x?.precision, y?.precision),
      delta(`${t} recall`, x?.recall, y?.recall),
    ];
  });
  return {
    a: runA.dir,
    b: runB.dir,
    warnings: [...runA.notes, ...runB.notes, ...setupWarnings(a, b)],
    overall,
    subjects: subjectRows,
    criteria,
    types,
  };
}

function rows(deltas: readonly Delta[], changedOnly: boolean): string[] {
  const shown = changedOnly ? deltas.filter((d) => d.delta !== 0) : deltas;
  if (shown.length === 0) return ['  (no change)'];
  return table([
    ['', 'A', 'B', 'Δ', ''],
    ...shown.map((d) => [
      d.label,
      num(d.a),
      num(d.b),
      d.delta === null ? '-' : `${d.delta > 0 ? '+' : ''}${num(d.delta)}`,
      d.worse ? '▼ worse' : '',
    ]),
  ]).map((l) => `  ${l}`);
}

export function formatComparison(c: RunComparison): string {
  const worse = [...c.overall, ...c.subjects, ...c.criteria, ...c.types].filter((d) => d.worse).length;
  return [
    `A ${c.a}`,
    `B ${c.b}`,
    ...c.warnings.map((w) => `warning: ${w}`),
    '',
    'overall:',
    ...rows(c.overall, false),
    '',
    'per subject:',
    ...rows(c.subjects, false),
    '',
    'per criterion (changed only):',
    ...rows(c.criteria, true),
    '',
    'per markup type (changed only):',
    ...rows(c.types, true),
    '',
    worse === 0 ? 'nothing got worse' : `${worse} figure(s) got worse (▼)`,
  ].join('\n');
}
