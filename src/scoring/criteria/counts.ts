import { ERROR_CATEGORIES } from '../catalogue/index.js';
import type { NormalizedSelection } from './input.js';
import type { Categories } from './types.js';

export interface Tally {
  /** N[c] per lowercased code after the tag collapse, category codes removed. */
  readonly counts: ReadonlyMap<string, number>;
  /** N[c] for every code, category codes (г., р., ...) included. */
  readonly perCode: ReadonlyMap<string, number>;
  /** The real number of selections per lowercased code. */
  readonly trueCounts: ReadonlyMap<string, number>;
  readonly categories: Categories;
}

const CATEGORY_PREFIXES: ReadonlyArray<readonly [string, keyof Categories]> = ERROR_CATEGORIES.map(
  (c) => [c.prefix.toLowerCase(), c.key] as const,
);

/**
Per-code counts and error categories of docs/scoring.md §3.1.2–3.
(quirk: tag collapse) per code, a counter grows only while no selection of that code has been
tagged yet; once one is tagged (tag !== '', and a missing or null tag counts as tagged) the next
occurrence resets the counter to 1. So N[c] is the true count unless a tagged selection comes
before the last occurrence, and files without `tag` fields count every code at most once.
*/
export function tallyCodes(selections: readonly NormalizedSelection[]): Tally {
  const counts = new Map<string, number>();
  const trueCounts = new Map<string, number>();
  const tagged = new Set<string>();
  for (const sel of selections) {
    const n = counts.get(sel.code) ?? 0;
    counts.set(sel.code, n > 0 && !tagged.has(sel.code) ? n + 1 : 1);
    if (sel.tag !== '') tagged.add(sel.code);
    trueCounts.set(sel.code, (trueCounts.get(sel.code) ?? 0) + 1);
  }
  const perCode = new Map(counts);
  const categories = { ошграм: 0, ошреч: 0, ошлог: 0, ошфакт: 0, ошэтич: 0, ошпункт: 0, ошорф: 0 };
  for (const [code, n] of [...counts]) {
    const hit = CATEGORY_PREFIXES.find(([prefix]) => code.startsWith(prefix));
    if (hit) {
      categories[hit[1]] += n;
      counts.delete(code);
    }
  }
  // (quirk: literal category code) a type spelled `ошреч` etc. is overwritten by the category.
  for (const name of Object.keys(categories)) counts.delete(name);
  return { counts, perCode, trueCounts, categories };
}
