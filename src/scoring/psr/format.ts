// Plain-text rendering of PSR results for the terminal. Pure: returns strings, prints nothing.
import type { PairExplanation, FragmentView } from './explain.js';
import type { MetricName, NominationResult, PsrMatching, PsrResult } from './types.js';

const METRICS: MetricName[] = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'MTotal'];

export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return '-';
  // M6 can carry an unrounded float (official quirk); keep the table readable, JSON keeps the exact value.
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function pairRows(from: string, matching: readonly PsrMatching[]): string[][] {
  return matching.map((m) => [`${from} → ${m.markupId}`, ...METRICS.map((k) => num(m.metrics[k]))]);
}

function fragment(f: FragmentView): string {
  return `${f.type ?? '(no type)'} ${f.start}–${f.end} "${f.quote}"`;
}

export function formatExplanation(e: PairExplanation): string[] {
  const lines = [
    `${e.x} vs ${e.y}: ${e.matched.length} matched, ${e.unmatchedX.length} unmatched in ${e.x}, ` +
      `${e.unmatchedY.length} unmatched in ${e.y}; M7 weight ${e.m7Weight}, MTotal ${num(e.metrics.MTotal)}`,
  ];
  for (const p of e.matched)
    lines.push(
      `  = ${fragment(p.x)}  ↔  ${fragment(p.y)}  J ${p.j} L ${num(p.l)}${p.exact ? ' (exact)' : ''}`,
    );
  for (const f of e.unmatchedX) lines.push(`  - only in ${e.x}: ${fragment(f)}`);
  for (const f of e.unmatchedY) lines.push(`  + only in ${e.y}: ${fragment(f)}`);
  return lines;
}

export function formatPsrResult(result: PsrResult, explanations: readonly PairExplanation[] = []): string {
  const lines = [`essay ${result.essayId}`];
  const rows = [['pair', ...METRICS]];
  for (const m of result.markups) rows.push(...pairRows(m.id, m.matching));
  lines.push(...table(rows), '');
  const acc = [['markup', 'role', 'STAR', 'STER', 'OTAR']];
  for (const m of result.markups)
    acc.push([
      m.id,
      m.isExp ? 'expert' : 'participant',
      m.isExp ? '' : num(m.STAR),
      m.isExp ? num(m.STER) : '',
      m.isExp ? '' : num(m.OTAR),
    ]);
  lines.push(...table(acc), `STER_AVG ${num(result.STER_AVG)}`);
  if (explanations.length > 0) {
    lines.push('');
    for (const e of explanations) lines.push(...formatExplanation(e));
  }
  for (const n of result.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

export function formatNomination(
  results: readonly NominationResult[],
  explanations: Partial<Record<string, readonly PairExplanation[]>> = {},
): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`essay ${r.essayId}, nomination ${r.type}`);
    if (!('id' in r.markup)) {
      lines.push('  no participant markup', '');
      continue;
    }
    lines.push(...table([['pair', ...METRICS], ...pairRows(r.markup.id, r.markup.matching)]));
    lines.push(`STAR ${num(r.markup.STAR)}`);
    for (const e of explanations[r.type] ?? []) lines.push(...formatExplanation(e));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
