// Our own synthetic essays for the worked examples of scoring.md §6 (never the official texts).
import type { PsrInput, PsrMarkup, PsrSelection } from '../../../src/scoring/psr/index.js';

/** "слово0 слово1 … слово299", the §6.6 text. */
export const WORDS_TEXT = Array.from({ length: 300 }, (_, i) => `слово${i}`).join(' ');

let nextId = 1;
export function sel(
  type: string,
  start: number,
  end: number,
  extra: Partial<PsrSelection> = {},
): PsrSelection {
  return {
    id: nextId++,
    startSelection: start,
    endSelection: end,
    type,
    group: 'error',
    subtype: '',
    tag: '',
    comment: '',
    explanation: '',
    correction: '',
    ...extra,
  };
}

export function markup(
  id: string,
  isExpert: boolean,
  selections: PsrSelection[],
  criteria: Record<string, number> = { K1: 1, K2: 1 },
): PsrMarkup {
  return { id, isExpert, third: false, criteria, selections };
}

/** One participant and N experts on one essay; every expert gets its own copy of `expertSelections`. */
export function essayInput(opts: {
  id?: string;
  subject?: string;
  text?: string;
  participant: PsrSelection[] | null;
  experts: PsrSelection[][];
  participantCriteria?: Record<string, number>;
  expertCriteria?: Record<string, number>;
  ids?: { participant?: string; experts?: string[] };
}): PsrInput {
  const markups: PsrMarkup[] = [];
  if (opts.participant)
    markups.push(markup(opts.ids?.participant ?? 'part', false, opts.participant, opts.participantCriteria));
  opts.experts.forEach((s, i) =>
    markups.push(
      markup(
        opts.ids?.experts?.[i] ?? `exp${i + 1}`,
        true,
        s.map((x) => ({ ...x })),
        opts.expertCriteria,
      ),
    ),
  );
  return {
    essay: {
      id: opts.id ?? 'essay-0001',
      meta: { subject: opts.subject ?? 'rus' },
      text: opts.text ?? WORDS_TEXT,
      markups,
    },
  };
}
