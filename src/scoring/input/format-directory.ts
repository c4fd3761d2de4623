// Terminal table of a directory run. Pure: returns a string.
import { num, table } from '../psr/index.js';
import type { DirectorySummary } from './score-files.js';

export function formatDirectorySummary(s: DirectorySummary): string {
  const rows = [['essay', 'experts', 'STAR', 'OTAR', 'MTotal']];
  for (const e of s.essays)
    rows.push(
      e.error === undefined
        ? [e.key, String(e.pairs), num(e.STAR), num(e.OTAR), num(e.MTotal)]
        : [e.key, '', 'error', '', ''],
    );
  const a = s.aggregate;
  rows.push([`mean of ${a.scored} essays`, '', num(a.meanSTAR), num(a.meanOTAR), num(a.meanMTotal)]);
  // The per-essay error messages are for stderr; the caller prints them (see `s.essays[].error`).
  return table(rows).join('\n');
}
