import type { NormalizedSelection } from './input.js';
import type { Categories, DetailValue } from './types.js';

/** What a subject's rules read: the pre-processing results of docs/scoring.md §3.1. */
export interface SubjectContext {
  readonly text: string;
  /** W(text). */
  readonly words: number;
  readonly webMode: boolean;
  readonly selections: readonly NormalizedSelection[];
  readonly categories: Categories;
  /** N[c] for a lowercased code, a category name, or 0. */
  n(code: string): number;
}

export interface SubjectOutcome {
  /** K1..Kn before negative values are clamped. */
  readonly values: readonly number[];
  readonly rules: readonly string[];
  readonly details: Readonly<Record<string, DetailValue>>;
  /** Set when a web-mode gate returned all zeros straight away. */
  readonly gate?: string;
}

export interface SubjectRules {
  /** Codes that default to 0 (§3.1.3), shown in explanations. */
  readonly predefined: readonly string[];
  /** (quirk: eng has no max check) the official eng processor skips ΣK > max (§3.1.4). */
  readonly checkMax: boolean;
  evaluate(ctx: SubjectContext): SubjectOutcome;
}

/** `[x]` of docs/scoring.md: 1 if true, else 0. */
export function flag(x: boolean): number {
  return x ? 1 : 0;
}

/** `(a=1, b=2)` for the codes a rule read. */
export function vars(ctx: SubjectContext, codes: readonly string[]): string {
  return `(${codes.map((c) => `${c}=${ctx.n(c)}`).join(', ')})`;
}

/** One explanation line, e.g. `K2 = 4: пример≥2 ∧ пояснение+связь≥2 (пример=2, ...)`. */
export function rule(k: number, value: number, condition: string, values?: string): string {
  return `K${k} = ${value}: ${condition}${values ? ` ${values}` : ''}`;
}

/** The web-mode gates return every K as 0 before anything else is computed. */
export function gated(
  count: number,
  reason: string,
  details: Readonly<Record<string, DetailValue>> = {},
): SubjectOutcome {
  const values = Array.from({ length: count }, () => 0);
  const rules = values.map((_, i) => rule(i + 1, 0, `web-mode gate: ${reason}`));
  return { values, rules, details, gate: reason };
}

/** First matching branch of an if/else-if chain: [value, condition]. */
export type Branch = readonly [value: number, condition: string, fires: boolean];

export function firstBranch(
  branches: readonly Branch[],
  fallback: readonly [number, string],
): readonly [number, string] {
  const hit = branches.find((b) => b[2]);
  return hit ? [hit[0], hit[1]] : fallback;
}
