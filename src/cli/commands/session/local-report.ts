import type { SessionReport } from '../../../platform/index.js';

interface SessionScoreLike {
  scored?: number;
  meanMTotal?: number | null;
  meanSTAR?: number | null;
  meanOTAR?: number | null;
}

const num = (value: number | null | undefined): string =>
  typeof value === 'number' ? value.toFixed(2) : '-';

/**
The local platform's verdict on a demo session in a few lines: what arrived on time, late or
not at all, how the demo markup compares with the dataset's experts, and where the full report is.
*/
export function formatLocalReport(report: SessionReport, path: string): string {
  const t = report.totals;
  const end = report.end ? ` (${report.end.type})` : '';
  const lines = [
    `Local platform report for session ${report.sessionId}${end}: ${t.onTime} on time, ${t.late} late, ` +
      `${t.missing} missing${t.invalid > 0 ? `, ${t.invalid} invalid` : ''} of ${t.pushed} pushed`,
  ];
  const score = report.score as SessionScoreLike | undefined;
  if (score && typeof score.scored === 'number' && score.scored > 0) {
    lines.push(
      `Demo markup against the experts: mean MTotal ${num(score.meanMTotal)}, mean STAR ${num(score.meanSTAR)}, ` +
        `mean OTAR ${num(score.meanOTAR)} over ${score.scored} scored answer(s)`,
    );
  } else {
    lines.push(
      `Demo markup against the experts: not scored${report.scoreError ? ` (${report.scoreError})` : ' (no answer with expert markups)'}`,
    );
  }
  lines.push(`Report: ${path}`);
  return lines.join('\n');
}
