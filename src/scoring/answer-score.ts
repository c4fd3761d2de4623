// What the local platform's report says of one answer and of a whole session (issue 5, part 6).
import { computeCriteria } from './criteria/index.js';
import { scorePsr } from './psr/index.js';
import { buildPsrEnvelope, parseMarkupFile } from './input/index.js';

export interface AnswerScore {
  /** K values computed from the answer's selections, as the platform would. */
  criteria: Record<string, number>;
  criteriaTotal: number;
  criteriaMax: number;
  /** The participant's accuracy against the dataset's experts (docs/scoring.md §4.6). */
  STAR: number | null;
  OTAR: number | null;
  STER_AVG: number | null;
  /** MTotal against each expert, in expert order. */
  matching: { expert: string; MTotal: number }[];
}

export interface SessionScore {
  /** Answers that could be scored. */
  scored: number;
  meanMTotal: number | null;
  meanSTAR: number | null;
  meanOTAR: number | null;
}

type Json = Record<string, unknown>;

const round2 = (x: number): number => Number(x.toFixed(2));
const mean = (xs: number[]): number | null =>
  xs.length === 0 ? null : round2(xs.reduce((a, b) => a + b, 0) / xs.length);

/**
Scores one returned essay against the experts' markups of the same essay. A participant's
answer rarely carries `criteria`, which PSR's M1 needs, so the criteria computed from its
selections stand in for missing ones. Throws (typed scoring errors) on input PSR cannot score;
the platform records that as the file's `scoreError`.
*/
export function scoreAnswer(answer: Json, experts: readonly Json[]): AnswerScore {
  const meta = (answer.meta ?? {}) as Json;
  const id = typeof meta.id === 'string' ? meta.id : 'answer';
  const computed = computeCriteria({
    meta: { subject: String(meta.subject) },
    text: String(answer.text),
    selections: Array.isArray(answer.selections) ? answer.selections : [],
  });
  const withCriteria = { ...answer, criteria: answer.criteria ?? computed.criteria };
  const participant = parseMarkupFile(JSON.stringify(withCriteria), `${id}.json`);
  const expertFiles = experts.map((e, i) => parseMarkupFile(JSON.stringify(e), `${id}_exp${i + 1}.json`));
  const result = scorePsr(buildPsrEnvelope(participant, expertFiles).input);
  const mine = result.markups.find((m) => !m.isExp);
  return {
    criteria: computed.criteria,
    criteriaTotal: computed.total,
    criteriaMax: computed.max,
    STAR: mine?.STAR ?? null,
    OTAR: mine?.OTAR ?? null,
    STER_AVG: result.STER_AVG,
    matching: (mine?.matching ?? []).map((m) => ({ expert: m.markupId, MTotal: m.metrics.MTotal })),
  };
}

function isAnswerScore(value: unknown): value is AnswerScore {
  return typeof value === 'object' && value !== null && Array.isArray((value as AnswerScore).matching);
}

/** Session totals over the files that carry an `AnswerScore`; unscored files do not count. */
export function scoreSession(files: readonly { score?: unknown }[]): SessionScore {
  const scores = files.map((f) => f.score).filter(isAnswerScore);
  const numbers = (pick: (s: AnswerScore) => number | null): number[] =>
    scores.map(pick).filter((x): x is number => typeof x === 'number');
  return {
    scored: scores.length,
    meanMTotal: mean(scores.flatMap((s) => s.matching.map((m) => m.MTotal))),
    meanSTAR: mean(numbers((s) => s.STAR)),
    meanOTAR: mean(numbers((s) => s.OTAR)),
  };
}
