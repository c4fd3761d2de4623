import type { SessionSummary } from '../../../session/index.js';

const ROWS: Array<[keyof SessionSummary, string]> = [
  ['received', 'received'],
  ['sent', 'sent'],
  ['accepted', 'accepted'],
  ['rejected', 'rejected'],
  ['late', 'late'],
  ['unmarked', 'sent unmarked'],
  ['kept', 'saved only'],
  ['failed', 'failed'],
  ['unacknowledged', 'no answer yet'],
];

/** The end-of-session table: one row per outcome with its count and file ids, then the reasons. */
export function formatSummary(summary: SessionSummary, maxIds = 12): string {
  const lines: string[] = [];
  const end = summary.end.message ? `${summary.end.reason}: ${summary.end.message}` : summary.end.reason;
  const runs = summary.runs !== undefined && summary.runs > 1 ? ` (whole session, ${summary.runs} runs)` : '';
  lines.push(
    `Session ${summary.sessionId === undefined ? '(none)' : String(summary.sessionId)} ended: ${end}${runs}`,
  );
  for (const [key, label] of ROWS) {
    const ids = summary[key] as string[];
    if (ids.length === 0 && key !== 'received' && key !== 'accepted') continue;
    const shown =
      ids.slice(0, maxIds).join(' ') + (ids.length > maxIds ? ` … (+${ids.length - maxIds})` : '');
    lines.push(`  ${label.padEnd(14)} ${String(ids.length).padStart(5)}  ${shown}`);
  }
  const refused = summary.refused ?? [];
  if (refused.length > 0) {
    lines.push(
      `  ${'refused'.padEnd(14)} ${String(refused.length).padStart(5)}  pushes saved raw, not answered:`,
    );
    for (const r of refused.slice(0, maxIds))
      lines.push(`    ${r.fileId ?? r.event}: ${r.reason}${r.path ? ` (${r.path})` : ''}`);
    if (refused.length > maxIds) lines.push(`    … ${refused.length - maxIds} more in summary.json`);
  }
  const reasons = Object.entries(summary.reasons);
  if (reasons.length > 0) {
    lines.push('  reasons:');
    for (const [fileId, reason] of reasons.slice(0, maxIds)) lines.push(`    ${fileId}: ${reason}`);
    if (reasons.length > maxIds) lines.push(`    … ${reasons.length - maxIds} more in summary.json`);
  }
  if (summary.dir) lines.push(`Files: ${summary.dir}`);
  return lines.join('\n');
}
