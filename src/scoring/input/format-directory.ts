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
  const lines = table(rows);
  for (const e of s.essays) if (e.error !== undefined) lines.push(`error: ${e.error}`);
  if (a.failed > 0) lines.push(`${a.failed} of ${a.essays} essays could not be scored`);
  return lines.join('\n');
}
