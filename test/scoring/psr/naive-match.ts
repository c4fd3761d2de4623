// A literal, slow reading of scoring.md §4.3, used only to check the fast matcher. Every step is recomputed
// from scratch (sets built element by element, Q re-summed over A for every candidate), on purpose.
import { roundFixed } from '../../../src/scoring/words.js';
import type { MatchKey, PsrSelection } from '../../../src/scoring/psr/index.js';

const BLOCKS = new Set(
  'проблема пример пояснение связь позиция отношение аргумент понятие идея теория логика пример.общ пример.лич пример.ист событие сяп роль причина следствие оценка лмнение прмнение обоснование вывод'.split(
    ' ',
  ),
);

interface L {
  index: number;
  start: number;
  end: number;
  t: string;
}

function range(a: number, b: number): Set<number> {
  const s = new Set<number>();
  for (let v = a; v <= b; v++) s.add(v);
  return s;
}

export function naiveMatch(
  X: readonly PsrSelection[],
  Y: readonly PsrSelection[],
  key: MatchKey,
): Array<{ x: number; y: number; j: number; l: number }> {
  const list = (S: readonly PsrSelection[]): L[] =>
    S.flatMap((s, index) =>
      s.type !== undefined && s[key] !== undefined
        ? [{ index, start: s.startSelection, end: s.endSelection, t: s.type.toLowerCase() }]
        : [],
    );
  const LX = list(X);
  const LY = list(Y);
  if (LX.length === 0) return [];
  const J: number[][] = [];
  const Lo: number[][] = [];
  LX.forEach((a, i) => {
    J[i] = [];
    Lo[i] = [];
    LY.forEach((b, k) => {
      const ra = range(a.start, a.end);
      const rb = range(b.start, b.end);
      const inter = [...ra].filter((v) => rb.has(v)).length;
      const union = new Set([...ra, ...rb]).size;
      const j = roundFixed(1 - inter / union, 1);
      J[i]![k] = j;
      Lo[i]![k] =
        j +
        (j === 1 ? 1 : 0) +
        (a.start !== b.start ? 1 : 0) +
        (a.t !== b.t ? 1 : 0) +
        4 * (BLOCKS.has(a.t) !== BLOCKS.has(b.t) ? 1 : 0);
    });
  });
  const takenR = new Set<number>();
  const takenC = new Set<number>();
  const A: Array<[number, number]> = [];
  LX.forEach((_, i) =>
    LY.forEach((_, k) => {
      if (Lo[i]![k] === 0 && !takenR.has(i) && !takenC.has(k)) {
        takenR.add(i);
        takenC.add(k);
        A.push([i, k]);
      }
    }),
  );
  const E: Array<[number, number]> = [];
  LX.forEach((_, i) =>
    LY.forEach((_, k) => {
      if (J[i]![k] !== 1 && !takenR.has(i) && !takenC.has(k)) E.push([i, k]);
    }),
  );
  const R = new Set(E.map((e) => e[0])).size;
  const C = new Set(E.map((e) => e[1])).size;
  let Qmin = R + C;
  const order: number[] = [];
  for (const e of E) if (!order.includes(e[1])) order.push(e[1]);
  const groups = order.map((k) => E.filter((e) => e[1] === k));
  groups.sort((a, b) => a.length - b.length);
  const Q = (list: Array<[number, number]>): number =>
    list.reduce((s, [i, k]) => s + Lo[i]![k]!, 0) +
    (R - new Set(list.map((e) => e[0])).size) +
    (C - new Set(list.map((e) => e[1])).size);
  for (const g of groups) {
    const qs = g.map((e) => Q([...A, e]));
    const min = Math.min(...qs);
    const at = qs.indexOf(min);
    if (min < Qmin) {
      A.push(g[at]!);
      Qmin = min;
    }
  }
  return A.map(([i, k]) => ({ x: LX[i]!.index, y: LY[k]!.index, j: J[i]![k]!, l: Lo[i]![k]! }));
}
