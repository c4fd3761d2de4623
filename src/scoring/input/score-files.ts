// Files → envelope → PSR: what `readable calc psr` runs, kept out of the command so it can be tested directly.
import { isToolkitError } from '../../errors.js';
import { roundFixed } from '../words.js';
import { explainPair, scoreNominationDetailed, scorePsrDetailed } from '../psr/index.js';
import type {
  M7Tables,
  NominationResult,
  NominationType,
  PairExplanation,
  PsrCompat,
  PsrResult,
} from '../psr/index.js';
import { buildPsrEnvelope } from './envelope.js';
import { groupDirectory } from './group-directory.js';
import { readMarkupFile } from './read-markup-file.js';

export interface ScoreFilesOptions {
  nomination?: boolean;
  explain?: boolean;
  m7Tables?: M7Tables;
  /** `official`: the numbers of `@upgreat-readable/psr` 1.9.0 exactly (src/scoring/psr/README.md). */
  compat?: PsrCompat;
}

export type ScoredFiles =
  | { mode: 'normal'; result: PsrResult; explanations?: PairExplanation[]; warnings: string[] }
  | {
      mode: 'nomination';
      results: NominationResult[];
      explanations?: Record<NominationType, PairExplanation[]>;
      warnings: string[];
    };

/** Scores one essay: the participant's file against the experts' files, in the order given. */
export async function scorePsrFiles(
  participant: string | undefined,
  experts: readonly string[],
  options: ScoreFilesOptions = {},
): Promise<ScoredFiles> {
  const [p, ...e] = await Promise.all(
    [participant, ...experts].map((f) => (f ? readMarkupFile(f) : undefined)),
  );
  const { input, warnings } = buildPsrEnvelope(
    p,
    e.filter((x) => x !== undefined),
    { mode: options.nomination ? 'nomination' : 'normal' },
  );
  const text = input.essay.text;
  if (options.nomination) {
    const { results, pairs } = scoreNominationDetailed(input);
    const out: ScoredFiles = { mode: 'nomination', results, warnings };
    if (options.explain)
      out.explanations = {
        logic: pairs.logic.map((pair) => explainPair(text, pair)),
        structure: pairs.structure.map((pair) => explainPair(text, pair)),
      };
    return out;
  }
  const { result, pairs } = scorePsrDetailed(input, {
    ...(options.m7Tables && { m7Tables: options.m7Tables }),
    ...(options.compat && { compat: options.compat }),
  });
  const out: ScoredFiles = { mode: 'normal', result, warnings };
  if (options.explain) out.explanations = pairs.map((pair) => explainPair(text, pair));
  return out;
}

export interface DirectoryEssayScore {
  /** `{id}` (with the sub-folder, if any). */
  key: string;
  essayId: string | null;
  files: string[];
  STAR: number | null;
  OTAR: number | null;
  STER_AVG: number | null;
  /** Mean MTotal of the participant's pairs, unrounded until the 2-decimal display (STAR up to rounding). */
  MTotal: number | null;
  /** Participant–expert pairs behind MTotal. */
  pairs: number;
  error?: string;
}

export interface DirectorySummary {
  dir: string;
  essays: DirectoryEssayScore[];
  aggregate: {
    essays: number;
    scored: number;
    failed: number;
    /** Mean over scored essays of STAR (and of OTAR where it is not null). */
    meanSTAR: number | null;
    meanOTAR: number | null;
    /** Mean over all participant–expert pairs of all scored essays (an essay with more experts weighs more). */
    meanMTotal: number | null;
  };
  warnings: string[];
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return roundFixed(sum / values.length, 2);
}

/**
Scores every essay in `dir`: `{id}.json` against `{id}_exp{N}.json`. An essay that cannot be scored gets an
`error` and the others still count; toolkit errors are caught per essay, anything else is a bug and escapes.
*/
export async function scorePsrDirectory(
  dir: string,
  options: Pick<ScoreFilesOptions, 'm7Tables' | 'compat'> = {},
): Promise<DirectorySummary> {
  const groups = await groupDirectory(dir);
  const essays: DirectoryEssayScore[] = [];
  const warnings: string[] = [];
  const allPairs: number[] = [];
  for (const g of groups) {
    const files = [...(g.participant ? [g.participant] : []), ...g.experts];
    const row: DirectoryEssayScore = {
      key: g.key,
      essayId: null,
      files,
      STAR: null,
      OTAR: null,
      STER_AVG: null,
      MTotal: null,
      pairs: 0,
    };
    essays.push(row);
    if (!g.participant) {
      row.error = `${g.key}: no participant file ${g.key}.json next to ${g.experts.join(', ')}`;
      continue;
    }
    try {
      const scored = await scorePsrFiles(g.participant, g.experts, options);
      if (scored.mode !== 'normal') continue;
      warnings.push(...scored.warnings);
      const part = scored.result.markups.find((m) => !m.isExp);
      const totals = part?.matching.map((m) => m.metrics.MTotal) ?? [];
      allPairs.push(...totals);
      Object.assign(row, {
        essayId: scored.result.essayId,
        STAR: part?.STAR ?? null,
        OTAR: part?.OTAR ?? null,
        STER_AVG: scored.result.STER_AVG,
        MTotal: mean(totals),
        pairs: totals.length,
      });
    } catch (error) {
      if (!isToolkitError(error)) throw error;
      row.error = error.message;
    }
  }
  const scored = essays.filter((e) => e.error === undefined);
  return {
    dir,
    essays,
    aggregate: {
      essays: essays.length,
      scored: scored.length,
      failed: essays.length - scored.length,
      meanSTAR: mean(scored.flatMap((e) => (e.STAR === null ? [] : [e.STAR]))),
      meanOTAR: mean(scored.flatMap((e) => (e.OTAR === null ? [] : [e.OTAR]))),
      meanMTotal: mean(allPairs),
    },
    warnings,
  };
}
