// Nomination mode (docs/scoring.md §4.7): the participant's logic and structure fragments only, scored twice.
import { roundFixed } from '../words.js';
import { NOMINATION_TYPES } from './constants.js';
import { PsrError } from './errors.js';
import { NO_M7_TABLES } from './m7.js';
import { nominationPairMetrics } from './metrics.js';
import type { PairContext } from './metrics.js';
import type { PsrPairDetail } from './score.js';
import type { NominationResult, NominationType, PsrInput, PsrMarkup, PsrMatching } from './types.js';
import { validatePsrInput } from './validate.js';

export interface NominationDetailedResult {
  results: NominationResult[];
  pairs: Record<NominationType, PsrPairDetail[]>;
}

export function scoreNomination(input: PsrInput): NominationResult[] {
  return scoreNominationDetailed(input).results;
}

export function scoreNominationDetailed(input: PsrInput): NominationDetailedResult {
  validatePsrInput(input, 'nomination');
  const { essay } = input;
  const lists = NOMINATION_TYPES[essay.meta.subject];
  if (!lists)
    throw new PsrError(
      `essay ${essay.id}: nomination mode accepts only the subjects rus, social, hist and lit, not "${essay.meta.subject}"`,
      'nomination-subject',
      {
        essayId: essay.id,
        field: 'essay.meta.subject',
        officialMessage: `В номинации не может участвовать предмет, отличный от social/hist/rus/lit. В данной ошибке был - ${essay.meta.subject}`,
      },
    );
  const ctx: PairContext = {
    essayId: essay.id,
    subject: essay.meta.subject,
    text: essay.text,
    tables: NO_M7_TABLES,
    words: new Map(),
  };
  const pairs: Record<NominationType, PsrPairDetail[]> = { logic: [], structure: [] };
  const results = (['logic', 'structure'] as const).map((type): NominationResult => {
    const keep = lists[type];
    // Copies, so the caller's input is never touched (the official deep-copies too).
    const markups: PsrMarkup[] = essay.markups.map((m) => ({
      ...m,
      selections: m.selections.filter((s) => s.type !== undefined && keep.has(s.type.toLowerCase())),
    }));
    const x = markups.find((m) => !m.isExpert);
    if (!x) return { markup: {}, essayId: essay.id, type };
    const matching: PsrMatching[] = [];
    for (const y of markups) {
      if (y === x || !y.isExpert) continue;
      const metrics = nominationPairMetrics(ctx, x, y);
      pairs[type].push({ x, y, metrics });
      matching.push({ markupId: y.id, metrics: metrics.display, third: y.third === true });
    }
    let sum = 0;
    for (const m of matching) sum += m.metrics.MTotal;
    const STAR = matching.length === 0 ? null : roundFixed(sum / matching.length, 2);
    return { markup: { id: x.id, matching, isExp: false, STAR }, essayId: essay.id, type };
  });
  return { results, pairs };
}
