import { CriteriaError, OFFICIAL_MESSAGES } from './errors.js';
import { readSubject } from './input.js';
import { SUBJECT_CRITERIA_COUNT } from './types.js';
import type { Subject } from './types.js';

/** One expert's markup as the appointment needs it. */
export interface AppointmentInput {
  readonly meta?: { readonly subject?: string | null } | null;
  readonly criteria?: Readonly<Record<string, number>> | null;
}

export interface AppointmentResult {
  /** true: a third expert is needed. */
  readonly decision: boolean;
  /** Every rule that fired, in the official order (empty when decision is false). */
  readonly reasons: string[];
}

type Criteria = Readonly<Record<string, number>>;

function readCriteria(input: AppointmentInput, which: 'a' | 'b', subject: Subject): Criteria {
  const criteria: unknown = input.criteria;
  if (typeof criteria !== 'object' || criteria === null || Array.isArray(criteria)) {
    throw new CriteriaError(
      'missing-criterion',
      `${which}.criteria is missing, expected an object of K values`,
      {
        field: `${which}.criteria`,
        value: criteria,
      },
    );
  }
  const record = criteria as Record<string, unknown>;
  for (let i = 1; i <= SUBJECT_CRITERIA_COUNT[subject]; i += 1) {
    const key = `K${i}`;
    if (!Object.hasOwn(record, key)) {
      throw new CriteriaError(
        'missing-criterion',
        `${which}.criteria.${key} is missing (required for ${subject})`,
        {
          field: `${which}.criteria.${key}`,
          officialMessage: OFFICIAL_MESSAGES.missingCriterion(key),
        },
      );
    }
  }
  for (const [key, value] of Object.entries(record)) {
    // The official code adds values with `+`, so strings would concatenate; we refuse them.
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new CriteriaError(
        'bad-criterion',
        `${which}.criteria.${key} is ${JSON.stringify(value)}, expected a number`,
        {
          field: `${which}.criteria.${key}`,
          value,
        },
      );
    }
  }
  return record as Criteria;
}

const sum = (c: Criteria) => Object.values(c).reduce((s, v) => s + v, 0);
const diff = (a: Criteria, b: Criteria, key: string) => Math.abs((a[key] ?? NaN) - (b[key] ?? NaN));

/** (quirk: K1/K8) lit and social test K8, which they do not have, so any K1=0 fires. */
function k1k8(a: Criteria, b: Criteria, reasons: string[]): void {
  const fires = (x: Criteria, y: Criteria) => x.K1 === 0 && y.K8 !== 0;
  if (fires(a, b) || fires(b, a)) {
    const side = fires(a, b) ? 'a' : 'b';
    const other = side === 'a' ? b : a;
    reasons.push(`(quirk: K1/K8) K1 of ${side} = 0 and K8 of the other is ${String(other.K8)} ≠ 0`);
  }
}

function atLeast(a: Criteria, b: Criteria, key: string, limit: number, reasons: string[]): void {
  const d = diff(a, b, key);
  if (d >= limit) reasons.push(`|Δ${key}| = ${d} ≥ ${limit}`);
}

function exactly(a: Criteria, b: Criteria, key: string, reasons: string[]): void {
  const d = diff(a, b, key);
  // (quirk: ==2) the comments say "2 or more"; the code tests exactly 2.
  if (d === 2) reasons.push(`|Δ${key}| = 2 (exactly)`);
}

const TOTAL_LIMIT: Readonly<Record<Subject, number>> = {
  rus: 8,
  'rus-free': 8,
  lit: 7,
  social: 3,
  hist: 5,
  eng: 4,
  'eng-free': 4,
};

/**
Whether two experts' criteria disagree enough to call a third expert (docs/scoring.md §3.9).
Keys are iterated as in the official code: Δ over all keys of each markup, per-key rules
over the keys of `a` (a key missing from `b` never counts as a difference).
*/
export function appointThirdExpert(a: AppointmentInput, b: AppointmentInput): AppointmentResult {
  // The official code crashes with a TypeError on a missing meta.
  for (const [which, input] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const meta: unknown = input?.meta;
    if (typeof meta !== 'object' || meta === null) {
      throw new CriteriaError('missing-meta', `${which}.meta is missing, expected an object`, {
        field: `${which}.meta`,
        value: meta,
      });
    }
  }
  const subjectA: unknown = a.meta?.subject;
  const subjectB: unknown = b.meta?.subject;
  // The official code compares the subjects before it checks that there is one.
  if (subjectA !== subjectB) {
    throw new CriteriaError(
      'different-subjects',
      `the two markups have different subjects (${JSON.stringify(subjectA)} and ${JSON.stringify(subjectB)})`,
      { field: 'meta.subject', officialMessage: OFFICIAL_MESSAGES.differentSubjects },
    );
  }
  const subject = readSubject(a.meta, 'a.meta');
  const ca = readCriteria(a, 'a', subject);
  const cb = readCriteria(b, 'b', subject);
  const reasons: string[] = [];
  const delta = Math.abs(sum(ca) - sum(cb));
  const limit = TOTAL_LIMIT[subject];
  if (delta >= limit) reasons.push(`Δ = |ΣK_a − ΣK_b| = ${delta} ≥ ${limit}`);

  switch (subject) {
    case 'rus':
      atLeast(ca, cb, 'K7', 2, reasons);
      atLeast(ca, cb, 'K8', 2, reasons);
      break;
    case 'lit':
      for (const key of Object.keys(ca)) {
        const d = diff(ca, cb, key);
        if (d >= 2) {
          reasons.push(`|Δ${key}| = ${d} ≥ 2`);
          break;
        }
      }
      k1k8(ca, cb, reasons);
      break;
    case 'social':
      exactly(ca, cb, 'K2', reasons);
      exactly(ca, cb, 'K4', reasons);
      k1k8(ca, cb, reasons);
      break;
    case 'hist': {
      for (const key of ['K1', 'K2', 'K3', 'K6']) exactly(ca, cb, key, reasons);
      const differing = Object.keys(ca).filter((key) => diff(ca, cb, key) > 0);
      if (differing.length >= 4)
        reasons.push(`${differing.length} criteria differ (${differing.join(', ')}) ≥ 4`);
      break;
    }
    default:
      // rus-free, eng and eng-free look at Δ only.
      break;
  }
  return { decision: reasons.length > 0, reasons };
}
