import type { CriteriaExplanation, CriteriaResult } from './types.js';

/** `rus K1=1 K2=5 … total 20/24`: one line per essay for terminals. */
export function formatCriteriaLine(result: CriteriaResult): string {
  const ks = Object.entries(result.criteria)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${result.subject} ${ks} total ${result.total}/${result.max}`;
}

function pairs(record: Readonly<Record<string, unknown>>, skipZero = false): string {
  const shown = Object.entries(record).filter(([, v]) => !(skipZero && v === 0));
  return shown.length === 0 ? '(none)' : shown.map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

/** The explanation as lines (without indentation), rules first. */
export function formatExplanation(e: CriteriaExplanation): string[] {
  const lines = [`words: ${e.wordCount}; web mode: ${e.webMode ? 'on' : 'off'}`];
  if (e.gate) lines.push(`web-mode gate: ${e.gate} → all criteria 0`);
  lines.push(...Object.values(e.rules));
  lines.push(`counts: ${pairs(e.counts, true)}`);
  lines.push(`categories: ${pairs({ ...e.categories })}`);
  for (const code of e.collapsed) {
    lines.push(
      `(quirk: tag collapse) ${code}: ${e.trueCounts[code] ?? 0} selections counted as ${e.counts[code] ?? 0}`,
    );
  }
  const negatives = Object.entries(e.unclamped).filter(([, v]) => v < 0);
  if (negatives.length > 0) lines.push(`clamped to 0: ${pairs(Object.fromEntries(negatives))}`);
  lines.push(`details: ${pairs(e.details)}`);
  return lines;
}
