import { CATEGORIES, COMMON_CODES, ETHICAL_CODE } from './common.js';
import type { SubjectSpec } from './define.js';
import { eng, engFree } from './subjects/eng.js';
import { hist } from './subjects/hist.js';
import { lit } from './subjects/lit.js';
import { rus, rusFree } from './subjects/rus.js';
import { social } from './subjects/social.js';
import { SUBJECTS } from './types.js';
import type { CategoryEntry, CodeEntry, Subject, SubjectCatalogue } from './types.js';

const SPECS: Readonly<Record<Subject, SubjectSpec>> = {
  rus,
  'rus-free': rusFree,
  lit,
  social,
  hist,
  eng,
  'eng-free': engFree,
};

function build(spec: SubjectSpec): SubjectCatalogue {
  const logic = new Set((spec.nominationLogic ?? []).map((c) => c.toLowerCase()));
  const mark = (e: CodeEntry): CodeEntry =>
    logic.has(e.code.toLowerCase()) ? { ...e, nominationLogic: true } : e;
  const effects = spec.categories;
  const categories: CategoryEntry[] = effects
    ? CATEGORIES.map((c) => ({
        ...c,
        description: `${c.description}: ${effects[c.key].effect}`,
        criteria: effects[c.key].criteria,
      }))
    : [];
  const common = effects
    ? COMMON_CODES.map((e) => (e.category ? { ...e, criteria: effects[e.category].criteria } : e))
    : [];
  return {
    subject: spec.subject,
    title: spec.title,
    criteriaMax: spec.criteriaMax,
    blocks: spec.blocks.map(mark),
    errors: [...spec.errors, ...common].map(mark),
    categories,
  };
}

/** The whole catalogue, per subject (docs/scoring.md §2). */
export const CATALOGUE: Readonly<Record<Subject, SubjectCatalogue>> = Object.fromEntries(
  SUBJECTS.map((s) => [s, build(SPECS[s])]),
) as Record<Subject, SubjectCatalogue>;

const BY_CODE: ReadonlyMap<Subject, ReadonlyMap<string, CodeEntry>> = new Map(
  SUBJECTS.map((s) => [s, new Map(codesFor(s).map((e) => [e.code.toLowerCase(), e]))]),
);

export function isSubject(value: unknown): value is Subject {
  return typeof value === 'string' && (SUBJECTS as readonly string[]).includes(value);
}

export function catalogueFor(subject: Subject): SubjectCatalogue {
  return CATALOGUE[subject];
}

/** Every named code of the subject: its blocks, then its errors. */
export function codesFor(subject: Subject): readonly CodeEntry[] {
  const c = CATALOGUE[subject];
  return [...c.blocks, ...c.errors];
}

/**
The entry for `type` (case-insensitive). An unnamed `Э.<word>` gets an entry built from the
ethical category, in the subjects whose catalogue has the categories.
*/
export function lookupCode(subject: Subject, type: string): CodeEntry | undefined {
  const lower = type.toLowerCase();
  const named = BY_CODE.get(subject)?.get(lower);
  if (named !== undefined) return named;
  const ethical = CATALOGUE[subject].categories.find((c) => c.key === 'ошэтич');
  if (ethical === undefined || !ETHICAL_CODE.test(lower)) return undefined;
  return {
    code: type,
    kind: 'error',
    criteria: ethical.criteria,
    description: `${ethical.description.split(':')[0] ?? ''}; counts towards ${ethical.name}`,
    usage: 'category',
    category: 'ошэтич',
  };
}

/** Whether the subject's catalogue knows `type`, compared case-insensitively as the official code does. */
export function isKnownCode(subject: Subject, type: string): boolean {
  return lookupCode(subject, type) !== undefined;
}

/** The catalogue spelling of `type` (`Э.<word>` keeps its own), or undefined when unknown. */
export function canonicalCode(subject: Subject, type: string): string | undefined {
  return lookupCode(subject, type)?.code;
}

/** PSR's semantic blocks (`psr:src/glossary/semantic.ts`): every subject's blocks, lowercased. */
export const SEMANTIC_BLOCKS: ReadonlySet<string> = new Set(
  SUBJECTS.flatMap((s) => CATALOGUE[s].blocks.map((b) => b.code.toLowerCase())),
);

export function isSemanticBlock(type: string): boolean {
  return SEMANTIC_BLOCKS.has(type.toLowerCase());
}

/** The codes the criteria processor declares with a default count of 0, lowercased, in catalogue order. */
export function predefinedCodes(subject: Subject): string[] {
  const c = CATALOGUE[subject];
  return [...c.blocks, ...c.errors]
    .filter((e) => e.category === undefined && (e.usage === 'rule' || e.usage === 'declared'))
    .map((e) => e.code.toLowerCase());
}

/** Nomination mode's two runs (docs/scoring.md §4.7) for the subjects that have a "logic" list, lowercased. */
export function nominationTypes(): Record<
  string,
  { logic: ReadonlySet<string>; structure: ReadonlySet<string> }
> {
  const out: Record<string, { logic: ReadonlySet<string>; structure: ReadonlySet<string> }> = {};
  for (const subject of SUBJECTS) {
    const spec = SPECS[subject];
    if (spec.nominationLogic === undefined) continue;
    out[subject] = {
      logic: new Set(spec.nominationLogic.map((c) => c.toLowerCase())),
      structure: new Set(spec.blocks.map((b) => b.code.toLowerCase())),
    };
  }
  return out;
}

/** Sum of the criteria maxima: 24/24/14/6/12/14/14. */
export function subjectMax(subject: Subject): number {
  return CATALOGUE[subject].criteriaMax.reduce((a, b) => a + b, 0);
}
