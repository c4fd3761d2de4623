import { wordCount } from '../../src/scoring/words.js';
import type { SourceEssay, SourceSelection, Subject } from './types.js';

// A small re-statement of scoring.md §3.2–§3.5 (non-web mode) used only to keep the hand-written
// expert criteria of part A consistent with the experts' own selections.

type Counts = Map<string, number>;

function countCodes(selections: readonly SourceSelection[]): Counts {
  const counts: Counts = new Map();
  const tagged = new Set<string>();
  for (const sel of selections) {
    const code = sel.type.toLowerCase();
    const n = counts.get(code) ?? 0;
    // (quirk) §3.1: after a tagged selection the counter restarts at 1.
    counts.set(code, n > 0 && !tagged.has(code) ? n + 1 : 1);
    if ((sel.tag ?? '') !== '') tagged.add(code);
  }
  return counts;
}

function category(counts: Counts, prefix: string): number {
  let sum = 0;
  for (const [code, n] of counts) if (code.startsWith(prefix)) sum += n;
  return sum;
}

function rus(c: (code: string) => number, cat: (p: string) => number, words: number): number[] {
  const short = words < 150 ? 1 : 0;
  const k1 = c('проблема') > 0 && c('п.проблема') === 0 && c('п.факт') === 0 ? 1 : 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  if (k1 !== 0) {
    const [ex, ix, link] = [c('пример'), c('пояснение'), c('связь')];
    const bad = ['п.опора', 'п.пересказ', 'п.факткомм', 'п.другая', 'п.копир'].some((k) => c(k) > 0);
    if (bad) k2 = 0;
    else if (ex >= 2 && ix >= 2 && link >= 1) k2 = 5;
    else if (ex >= 2 && ix + link >= 2) k2 = 4;
    else if (ex + ix + link >= 3) k2 = 3;
    else if (ex === 2) k2 = 2;
    else if (ex === 1) k2 = 1;
    k3 = c('позиция') > 0 && c('п.позиция') === 0 ? 1 : 0;
    k4 = c('отношение') > 0 && c('п.отнош') + c('п.обоснов') === 0 ? 1 : 0;
  }
  const k5 = Math.max(2 - cat('л.'), 0);
  const k7 = 3 - short;
  const k8 = Math.floor(3.5 - short);
  const k9 = Math.max(0, Math.floor(2 - 0.5 * cat('г.') - short));
  const k10 = Math.max(0, Math.floor(2.5 - 0.5 * cat('р.') - short));
  const k11 = cat('э.') === 0 ? 1 : 0;
  const k12 = cat('ф.') === 0 ? 1 : 0;
  const p = c('п.однообр') + c('п.точность');
  const k6 = p === 0 && k10 >= 2 ? 2 : p === 1 || k10 < 2 ? 1 : 0;
  return [k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12];
}

function lit(c: (code: string) => number, cat: (p: string) => number): number[] {
  const k1 = c('с.тема') > 0 ? 0 : c('с.поверхн') > 0 ? 1 : c('с.одностор') > 0 ? 2 : 3;
  let k2 = 0;
  if (c('аргумент') === 0 || c('с.опора') > 0 || c('с.позиция') > 0 || c('с.факт') >= 4) k2 = 0;
  else if (c('с.упрощен') > 0 || c('с.пересказ') > 0 || c('с.факт') >= 3) k2 = 1;
  else if (c('с.факт') >= 2) k2 = 2;
  else if (c('с.факт') === 0) k2 = 3;
  const k3 =
    c('понятие') === 0 || c('с.понятие') >= 2 ? 0 : c('с.неиспол') > 0 || c('с.понятие') >= 1 ? 1 : 2;
  const k4 = c('с.композ') > 0 ? 0 : c('с.неразв') > 0 || c('с.связь') > 0 ? 1 : c('с.послед') > 0 ? 2 : 3;
  const k5 = Math.max(0, Math.floor(3.5 - 0.5 * cat('р.')));
  return [k1, k2, k3, k4, k5];
}

function social(c: (code: string) => number): number[] {
  const b = (x: boolean): number => (x ? 1 : 0);
  const k1 = b(c('идея') > 0 && c('о.смысл') === 0 && c('о.подмена') === 0 && c('о.пересказ') === 0);
  const k2 =
    c('о.упрощ') > 0
      ? 0
      : Math.max(
          0,
          b(c('понятие') > 0) +
            b(c('теория') > 0) -
            b(c('о.понятие') + c('о.теория') > 0) -
            c('о.теорсвязь') -
            c('о.нехватает'),
        );
  const k3 = Math.max(0, b(c('логика') > 0) - c('о.рассужд') - c('о.вывод'));
  const kinds = b(c('пример.общ') > 1) + b(c('пример.лич') > 1) + b(c('пример.ист') > 1);
  const penalty = ['о.примсвязь', 'о.подтв', 'о.дубл', 'о.факт', 'о.подробн'].reduce((s, k) => s + c(k), 0);
  const k4 = Math.max(0, Math.min(2, kinds) - penalty);
  return [k1, k2, k3, k4];
}

/** K1..Kn that the criteria package would compute from one markup, or undefined for other subjects. */
export function computeCriteria(
  subject: Subject,
  text: string,
  selections: readonly SourceSelection[],
): Record<string, number> | undefined {
  const counts = countCodes(selections);
  const c = (code: string): number => counts.get(code) ?? 0;
  const cat = (prefix: string): number => category(counts, prefix);
  let ks: number[];
  if (subject === 'rus') ks = rus(c, cat, wordCount(text));
  else if (subject === 'rus-free') {
    ks = [4 - cat('г.'), 4 - cat('р.'), 4 - cat('л.'), 3 - cat('ф.'), 3 - cat('э.'), 3, 3].map((k) =>
      Math.max(k, 0),
    );
  } else if (subject === 'lit') ks = lit(c, cat);
  else if (subject === 'social') ks = social(c);
  else return undefined;
  return Object.fromEntries(ks.map((k, i) => [`K${i + 1}`, Math.max(0, k)]));
}

/** One line per expert whose criteria differ from the computed ones. */
export function criteriaMismatches(essays: readonly SourceEssay[]): string[] {
  const out: string[] = [];
  for (const essay of essays) {
    for (const expert of essay.experts) {
      const want = computeCriteria(essay.subject, essay.text, expert.selections);
      if (want === undefined) continue;
      const diff = Object.keys(want).filter((k) => want[k] !== expert.criteria[k]);
      if (diff.length > 0) {
        const detail = diff.map((k) => `${k}=${String(expert.criteria[k])} (computed ${want[k]})`).join(', ');
        out.push(`essay ${essay.id}, expert ${expert.expert}: ${detail}`);
      }
    }
  }
  return out;
}
