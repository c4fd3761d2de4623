// Terminal text of `dataset check` and `dataset import`.
import type { CheckResult } from './check.js';
import type { ImportResult } from './import.js';
import { formatProblem } from './types.js';
import type { DatasetProblem } from './types.js';

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

export function formatProblems(problems: readonly DatasetProblem[]): string {
  if (problems.length === 0) return 'no problems found';
  const errors = problems.filter((p) => p.severity === 'error').length;
  return [
    `${errors} error(s), ${problems.length - errors} warning(s):`,
    ...problems.map((p) => `  ${formatProblem(p)}`),
  ].join('\n');
}

export function formatCheck(result: CheckResult): string {
  const { stats } = result;
  const rows = [['subject', 'train', 'test', 'words min', 'mean', 'max']];
  for (const [subject, n] of Object.entries(stats.bySubject).sort()) {
    const w = stats.wordsBySubject[subject]!;
    rows.push([subject, String(n.train), String(n.test), String(w.min), String(w.mean), String(w.max)]);
  }
  const total = Object.values(stats.bySubject).reduce(
    (a, n) => ({ train: a.train + n.train, test: a.test + n.test }),
    { train: 0, test: 0 },
  );
  if (stats.words)
    rows.push([
      'all',
      String(total.train),
      String(total.test),
      String(stats.words.min),
      String(stats.words.mean),
      String(stats.words.max),
    ]);
  const experts = Object.entries(stats.expertsPerEssay)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([n, count]) => `${count} with ${n}`)
    .join(', ');
  return [
    `dataset ${result.dir}: ${stats.essays} essay(s), ${result.usable} with at least one valid expert markup`,
    '',
    pad(rows),
    '',
    `experts per essay: ${experts || 'none'}`,
    '',
    formatProblems(result.problems),
  ].join('\n');
}

export function formatImport(result: ImportResult): string {
  const renamed = result.entries.filter((e) => e.name !== undefined);
  const lines = [
    `imported ${result.entries.length} essay(s) from ${result.src} (layout: ${result.layout}) into ${result.out}` +
      (result.skipped > 0 ? `; ${result.skipped} not imported` : ''),
  ];
  if (renamed.length > 0) {
    lines.push(`${renamed.length} essay(s) got numeric file ids (kept in ids.json):`);
    for (const e of renamed.slice(0, 20)) lines.push(`  ${e.id} ← ${e.name}`);
    if (renamed.length > 20) lines.push(`  … and ${renamed.length - 20} more`);
  }
  if (result.participantMarkups > 0)
    lines.push(
      `${result.participantMarkups} participant (non-expert) markup(s) in envelopes were left out: a dataset keeps expert markups only`,
    );
  lines.push(formatProblems(result.problems));
  return lines.join('\n');
}
