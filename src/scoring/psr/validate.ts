// Upfront checks of the PSR envelope. The official package checks only the participant count and, per pair,
// the criteria (docs/scoring.md §4.2); everything else crashes with a TypeError there. Here each case is a PsrError.
import { K_MAX } from './constants.js';
import { PsrError } from './errors.js';
import { criteriaSum } from './metrics.js';
import type { PsrInput, PsrMarkup } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Throws the first problem found. `criteria` are only required of markups that take part in a comparison. */
export function validatePsrInput(input: PsrInput, mode: 'normal' | 'nomination' = 'normal'): void {
  if (!isObject(input) || !isObject(input.essay))
    throw new PsrError('PSR input must be an object with an `essay` field', 'bad-markup', { field: 'essay' });
  const essay = input.essay;
  const essayId = essay.id;
  if (typeof essayId !== 'string')
    throw new PsrError('essay.id must be a string', 'bad-markup', { field: 'essay.id' });
  if (!isObject(essay.meta) || typeof essay.meta.subject !== 'string')
    throw new PsrError(`essay ${essayId}: essay.meta.subject must be a string`, 'unknown-subject', {
      essayId,
      field: 'essay.meta.subject',
    });
  if (typeof essay.text !== 'string')
    throw new PsrError(`essay ${essayId}: essay.text must be a string`, 'bad-markup', {
      essayId,
      field: 'essay.text',
    });
  if (!Array.isArray(essay.markups))
    throw new PsrError(`essay ${essayId}: essay.markups must be an array`, 'bad-markup', {
      essayId,
      field: 'essay.markups',
    });

  const ids = new Set<string>();
  essay.markups.forEach((markup, index) => {
    checkMarkup(essayId, markup, index);
    if (ids.has(markup.id))
      throw new PsrError(
        `essay ${essayId}: markup id "${markup.id}" appears twice; results are keyed by markup id`,
        'bad-markup',
        { essayId, markupId: markup.id, field: `essay.markups[${index}].id` },
      );
    ids.add(markup.id);
  });

  const participants = essay.markups.filter((m) => !m.isExpert);
  if (participants.length > 1)
    throw new PsrError(
      `essay ${essayId}: more than one participant (non-expert) markup: ${participants.map((m) => m.id).join(', ')}`,
      'too-many-participants',
      { essayId, officialMessage: 'В алгоритм было подано более, чем 1 алгоритмическая разметка.' },
    );

  const subject = essay.meta.subject;
  if (mode === 'nomination') return;
  const experts = essay.markups.filter((m) => m.isExpert);
  // In a pair as X (some other expert exists) or as Y (an expert, with some other markup).
  const compared = essay.markups.filter(
    (m) => experts.some((e) => e !== m) || (m.isExpert && essay.markups.length > 1),
  );
  if (compared.length === 0) return;
  const max = K_MAX[subject];
  if (max === undefined)
    throw new PsrError(
      `essay ${essayId}: unknown subject "${subject}" (expected one of ${Object.keys(K_MAX).join(', ')})`,
      'unknown-subject',
      { essayId, field: 'essay.meta.subject', officialMessage: 'Получен несуществующий код предмета.' },
    );
  for (const markup of compared) checkCriteria(essayId, markup, max);
}

function checkMarkup(essayId: string, markup: PsrMarkup, index: number): void {
  const where = `essay ${essayId}, markups[${index}]`;
  if (!isObject(markup))
    throw new PsrError(`${where}: a markup must be an object`, 'bad-markup', { essayId });
  if (typeof markup.id !== 'string' || markup.id === '')
    throw new PsrError(`${where}: id must be a non-empty string`, 'bad-markup', { essayId, field: 'id' });
  const markupId = markup.id;
  if (!Array.isArray(markup.selections))
    throw new PsrError(`${where} (${markupId}): selections must be an array`, 'bad-selections', {
      essayId,
      markupId,
      field: 'selections',
    });
  markup.selections.forEach((s, i) => {
    const at = `${where} (${markupId}), selections[${i}]`;
    if (!isObject(s)) throw new PsrError(`${at}: must be an object`, 'bad-selections', { essayId, markupId });
    for (const f of ['startSelection', 'endSelection'] as const)
      if (!Number.isInteger(s[f]))
        throw new PsrError(
          `${at}.${f}: must be an integer, got ${JSON.stringify(s[f])}`,
          'bad-selection-field',
          {
            essayId,
            markupId,
            field: `selections[${i}].${f}`,
          },
        );
    // undefined is tolerated (the official drops the selection from matching); null and non-strings crash it.
    for (const f of ['type', 'subtype', 'correction'] as const)
      if (s[f] !== undefined && typeof s[f] !== 'string')
        throw new PsrError(
          `${at}.${f}: must be a string, got ${JSON.stringify(s[f])}`,
          'bad-selection-field',
          {
            essayId,
            markupId,
            field: `selections[${i}].${f}`,
          },
        );
  });
}

function checkCriteria(essayId: string, markup: PsrMarkup, max: number): void {
  const markupId = markup.id;
  const criteria: unknown = markup.criteria;
  if (!isObject(criteria) || Array.isArray(criteria))
    throw new PsrError(`essay ${essayId}, markup ${markupId}: criteria are missing`, 'criteria-missing', {
      essayId,
      markupId,
      field: 'criteria',
      officialMessage: 'В разметках не заполнены критерии.',
    });
  for (const [key, value] of Object.entries(criteria))
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new PsrError(
        `essay ${essayId}, markup ${markupId}: criteria.${key} must be a number${typeof value === 'number' && value < 0 ? ' of points, 0 or more' : ''}, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
        'criteria-not-numeric',
        { essayId, markupId, field: `criteria.${key}` },
      );
  const sum = criteriaSum(markup.criteria);
  if (sum > max)
    throw new PsrError(
      `essay ${essayId}, markup ${markupId}: criteria sum ${sum} exceeds the subject maximum ${max}`,
      'criteria-over-max',
      {
        essayId,
        markupId,
        field: 'criteria',
        officialMessage: 'Вычисленная сумма критериев больше максимального значения',
      },
    );
}
