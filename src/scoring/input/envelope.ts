// Single-markup files of one essay → the PSR envelope of docs/scoring.md §1.5, without needing `markupUuid`.
import { K_MAX, NOMINATION_TYPES, criteriaSum } from '../psr/index.js';
import type { PsrInput, PsrMarkup } from '../psr/index.js';
import { PsrInputError } from './errors.js';
import type { MarkupFile } from './read-markup-file.js';

export interface EnvelopeOptions {
  /** Nomination mode needs no criteria but only accepts rus/social/hist/lit (§4.7). */
  mode?: 'normal' | 'nomination';
}

export interface Envelope {
  input: PsrInput;
  /** Every file's reading warnings plus cross-file ones (differing uuids, a participant file with `meta.expert`). */
  warnings: string[];
}

/**
The first file (the participant, or the first expert without one) gives `meta` and `text`, as pku does.
Markup ids are the file base names, so two files with the same base name are rejected.
*/
export function buildPsrEnvelope(
  participant: MarkupFile | undefined,
  experts: readonly MarkupFile[],
  options: EnvelopeOptions = {},
): Envelope {
  const mode = options.mode ?? 'normal';
  const files = participant ? [participant, ...experts] : [...experts];
  const first = files[0];
  if (!first) throw new PsrInputError('PSR needs at least one expert markup; no files were given');
  if (experts.length === 0)
    throw new PsrInputError(
      'PSR needs at least one expert markup to compare with; only the participant file was given ' +
        '(expert files are named {id}_exp{N}.json)',
      { file: first.file },
    );

  const warnings = files.flatMap((f) => f.warnings);
  const seen = new Map<string, string>();
  for (const f of files) {
    const earlier = seen.get(f.markupId);
    if (earlier !== undefined)
      throw new PsrInputError(
        `same markup id "${f.markupId}" as ${earlier}; markup ids are file base names`,
        {
          file: f.file,
        },
      );
    seen.set(f.markupId, f.file);
    if (f.meta.subject !== first.meta.subject)
      throw new PsrInputError(
        `subject "${f.meta.subject}" differs from "${first.meta.subject}" in ${first.file}; all markups must be of one essay`,
        { file: f.file, field: 'meta.subject' },
      );
    if (f.text !== first.text) {
      let at = 0;
      while (at < f.text.length && f.text[at] === first.text[at]) at++;
      throw new PsrInputError(
        `text differs from ${first.file} (from offset ${at}); all markups must be of the same essay text`,
        { file: f.file, field: 'text' },
      );
    }
    if (f.essayId !== first.essayId && typeof f.meta.uuid === 'string' && typeof first.meta.uuid === 'string')
      warnings.push(
        `${f.file}: meta.uuid: "${f.meta.uuid}" differs from "${first.meta.uuid}" in ${first.file}`,
      );
  }
  if (participant && typeof participant.meta.expert === 'string' && participant.meta.expert !== '')
    warnings.push(
      `${participant.file}: meta.expert: "${participant.meta.expert}" but the file is scored as the participant`,
    );

  const subject = first.meta.subject;
  if (mode === 'nomination') {
    if (!NOMINATION_TYPES[subject])
      throw new PsrInputError(
        `nomination mode accepts only the subjects rus, social, hist and lit, not "${subject}"`,
        {
          file: first.file,
          field: 'meta.subject',
        },
      );
  } else {
    const max = K_MAX[subject];
    if (max === undefined)
      throw new PsrInputError(`unknown subject "${subject}"; PSR knows ${Object.keys(K_MAX).join(', ')}`, {
        file: first.file,
        field: 'meta.subject',
      });
    for (const f of files) {
      if (!f.criteria)
        throw new PsrInputError(
          'missing; PSR compares the criteria sums (M1), so every markup needs them' +
            (f.selections.length === 0
              ? ' (this file has no selections either: is it the unmarked input essay rather than a markup?)'
              : ''),
          { file: f.file, field: 'criteria' },
        );
      const sum = criteriaSum(f.criteria);
      if (sum > max)
        throw new PsrInputError(`sum ${sum} exceeds the maximum ${max} for subject ${subject}`, {
          file: f.file,
          field: 'criteria',
        });
    }
  }

  const toMarkup = (f: MarkupFile, isExpert: boolean): PsrMarkup => ({
    id: f.markupId,
    isExpert,
    third: f.meta.third === true,
    criteria: f.criteria ?? {},
    selections: f.selections,
  });
  const markups = [
    ...(participant ? [toMarkup(participant, false)] : []),
    ...experts.map((f) => toMarkup(f, true)),
  ];
  return {
    input: { essay: { id: first.essayId, meta: { ...first.meta }, text: first.text, markups } },
    warnings,
  };
}
