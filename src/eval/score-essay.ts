// One answer, checked strictly and scored against every expert markup of its essay (docs/eval.md).
// Inputs are JSON texts so the same function runs in a worker thread unchanged.
import { isSubject, canonicalCode } from '../scoring/catalogue/index.js';
import { computeCriteria } from '../scoring/criteria/index.js';
import { PsrInputError, buildPsrEnvelope, parseMarkupFile } from '../scoring/input/index.js';
import type { MarkupFile } from '../scoring/input/index.js';
import { scorePsrDetailed } from '../scoring/psr/index.js';
import type { PsrOptions, PsrSelection } from '../scoring/psr/index.js';
import { roundFixed } from '../scoring/words.js';
import type { EssayRef, EssayScore, ExpertScore, FailureStage, TypeCounts } from './types.js';

export interface ScoreEssayInput {
  ref: EssayRef & { words: number };
  /** The answer's JSON text, and the file it is (or will be) saved as, for messages. */
  answer: { file: string; json: string };
  experts: ReadonlyArray<{ markupId: string; file: string; json: string }>;
  markupMs: number | null;
  late: boolean;
}

/** Why an essay has no score; `stage` says which step refused it. */
export class EssayScoreError extends Error {
  override name = 'EssayScoreError' as const;
  constructor(
    readonly stage: FailureStage,
    message: string,
  ) {
    super(message);
  }
}

export function failedScore(
  input: Pick<ScoreEssayInput, 'ref' | 'markupMs' | 'late'>,
  stage: FailureStage,
  message: string,
): EssayScore {
  return {
    ...stripWords(input.ref),
    status: 'failed',
    failure: { stage, message },
    words: input.ref.words,
    markupMs: input.markupMs,
    late: input.late,
    STAR: null,
    OTAR: null,
    STER_AVG: null,
    MTotal: null,
    criteria: {},
    experts: [],
    types: {},
    warnings: [],
  };
}

function stripWords(ref: EssayRef & { words: number }): EssayRef {
  return { id: ref.id, name: ref.name, subject: ref.subject, split: ref.split };
}

function typeKey(subject: string, type: unknown): string {
  const t = String(type);
  return (isSubject(subject) ? canonicalCode(subject, t) : undefined) ?? t.toLowerCase();
}

function addTypes(
  into: Record<string, TypeCounts>,
  subject: string,
  ours: readonly PsrSelection[],
  theirs: readonly PsrSelection[],
  pairs: ReadonlyArray<{ x: number; y: number }>,
): void {
  const get = (t: unknown): TypeCounts =>
    (into[typeKey(subject, t)] ??= { matched: 0, missed: 0, retyped: 0, spurious: 0 });
  const matchedX = new Set<number>();
  const matchedY = new Set<number>();
  const retypedY = new Set<number>();
  for (const p of pairs) {
    if (String(ours[p.x]!.type).toLowerCase() === String(theirs[p.y]!.type).toLowerCase()) {
      matchedX.add(p.x);
      matchedY.add(p.y);
    } else retypedY.add(p.y);
  }
  theirs.forEach((s, i) => {
    const c = get(s.type);
    if (matchedY.has(i)) c.matched++;
    else {
      c.missed++;
      if (retypedY.has(i)) c.retyped++;
    }
  });
  ours.forEach((s, i) => {
    if (!matchedX.has(i)) get(s.type).spurious++;
  });
}

const mean2 = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : roundFixed(xs.reduce((a, b) => a + b, 0) / xs.length, 2);

/** Throws `EssayScoreError` when the answer cannot be scored; bad expert markups are dropped with a warning. */
export function scoreEssay(input: ScoreEssayInput, options: PsrOptions = {}): EssayScore {
  const { ref } = input;
  let answer: MarkupFile;
  try {
    answer = parseMarkupFile(input.answer.json, input.answer.file);
  } catch (error) {
    throw new EssayScoreError('check', (error as Error).message);
  }
  if (answer.meta.subject !== ref.subject)
    throw new EssayScoreError(
      'check',
      `${input.answer.file}: meta.subject: "${answer.meta.subject}" but the essay is "${ref.subject}"`,
    );
  const warnings = [...answer.warnings];
  const experts: MarkupFile[] = [];
  for (const e of input.experts) {
    try {
      const parsed = parseMarkupFile(e.json, e.file);
      parsed.markupId = e.markupId;
      experts.push(parsed);
    } catch (error) {
      warnings.push(`${(error as Error).message} (this expert markup is left out)`);
    }
  }
  if (experts.length === 0)
    throw new EssayScoreError('read', `no valid expert markup for essay ${ref.id}: it cannot be scored`);

  let computed;
  try {
    computed = computeCriteria({
      meta: { subject: ref.subject },
      text: answer.text,
      selections: answer.selections,
    });
  } catch (error) {
    throw new EssayScoreError('score', `${input.answer.file}: criteria: ${(error as Error).message}`);
  }
  const ours = answer.criteria ?? computed.criteria;
  const participant: MarkupFile = { ...answer, criteria: ours, markupId: ref.id };
  let detailed;
  try {
    const envelope = buildPsrEnvelope(participant, experts);
    warnings.push(...envelope.warnings.filter((w) => !answer.warnings.includes(w)));
    detailed = scorePsrDetailed(envelope.input, options);
  } catch (error) {
    const stage: FailureStage = error instanceof PsrInputError ? 'check' : 'score';
    throw new EssayScoreError(stage, (error as Error).message);
  }
  const mine = detailed.result.markups[0]!;
  const types: Record<string, TypeCounts> = {};
  const expertScores: ExpertScore[] = [];
  for (const pair of detailed.pairs) {
    if (pair.x.isExpert) continue;
    expertScores.push({ expert: pair.y.id, metrics: pair.metrics.display, criteria: pair.y.criteria });
    addTypes(
      types,
      ref.subject,
      pair.x.selections,
      pair.y.selections,
      pair.metrics.matches?.type.pairs ?? [],
    );
  }
  return {
    ...stripWords(ref),
    status: 'scored',
    words: ref.words,
    markupMs: input.markupMs,
    late: input.late,
    STAR: mine.STAR,
    OTAR: mine.OTAR,
    STER_AVG: detailed.result.STER_AVG,
    MTotal: mean2(expertScores.map((e) => e.metrics.MTotal)),
    criteria: ours,
    experts: expertScores,
    types,
    warnings,
  };
}
