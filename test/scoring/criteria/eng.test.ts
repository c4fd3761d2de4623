import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel, span } from './helpers.js';

const at = (type: string, i: number, j: number) => sel(type, span(i, j));
/** Every block in plan order, three arguments: aspects = 0 and plan = 0. */
const FULL = [
  at('проблема', 0, 9),
  at('лмнение', 10, 19),
  at('аргумент', 20, 29),
  at('аргумент', 30, 39),
  at('прмнение', 40, 49),
  at('аргумент', 50, 59),
  at('обоснование', 60, 69),
  at('вывод', 70, 79),
];
const run = (selections: CriteriaSelectionInput[], w = 200, webMode = false, subject = 'eng') =>
  computeCriteria(essay(subject, w, selections), { webMode, explain: true });
const K = (selections: CriteriaSelectionInput[], w = 200) => run(selections, w).criteria;
const without = (type: string) => FULL.filter((s) => s.type !== type);

describe('eng K1', () => {
  test('a full, clean markup scores 14', () => {
    const r = run(FULL);
    assert.deepEqual(r.criteria, { K1: 3, K2: 3, K3: 3, K4: 3, K5: 2 });
    assert.equal(r.total, 14);
    assert.equal(r.max, 14);
  });
  test('(quirk: eng 180 words) K1 = 0 below 180 words, not 200', () => {
    assert.equal(K(FULL, 179).K1, 0);
    assert.equal(K(FULL, 180).K1, 3);
  });
  test('K1 = 0 when more than 30 % (rounded) of the words are А.непрод', () => {
    assert.equal(K([...FULL, at('А.непрод', 100, 159)]).K1, 3, '60/200 = 30 %');
    assert.equal(K([...FULL, at('А.непрод', 100, 160)]).K1, 0, '61/200 = 30.5 % rounds to 31');
    assert.equal(K([...FULL, at('А.непрод', 100, 129), at('а.непрод', 130, 160)]).K1, 0, 'spans add up');
    assert.equal(run([...FULL, at('А.непрод', 100, 160)]).explanation?.details.unprodPercent, 31);
  });
  test('aspects count missing blocks, missing arguments and problem errors', () => {
    const aspects = (s: CriteriaSelectionInput[]) => run(s).explanation?.details.aspects;
    assert.equal(aspects(FULL), 0);
    assert.equal(aspects(without('проблема')), 1);
    assert.equal(aspects([...FULL, sel('А.перифр')]), 1);
    assert.equal(aspects([...FULL, sel('А.пробл')]), 1);
    assert.equal(aspects(without('лмнение')), 1);
    assert.equal(aspects(without('прмнение')), 1);
    assert.equal(aspects(without('обоснование')), 1);
    assert.equal(aspects(without('аргумент')), 3);
    assert.equal(aspects([]), 7);
  });
  test('K1 branches on aspects, а.аспект and а.стиль', () => {
    assert.equal(K([...FULL, sel('А.стиль')]).K1, 3);
    assert.equal(K([...FULL, ...many('А.аспект', 2), ...many('А.стиль', 3)]).K1, 2);
    assert.equal(K([...FULL, ...many('А.аспект', 2), ...many('А.стиль', 4)]).K1, 1);
    assert.equal(K([...FULL, ...many('А.аспект', 3)]).K1, 1);
    assert.equal(K([...without('проблема'), ...many('А.аспект', 2)]).K1, 1, '2·1+2 ≤ 4');
    assert.equal(K([...without('проблема'), ...many('А.аспект', 3)]).K1, 0, '2·1+3 > 4');
    assert.equal(K([...FULL, ...many('А.стиль', 5)]).K1, 0);
  });
});

describe('eng plan errors and K2', () => {
  const plan = (s: CriteriaSelectionInput[]) => run(s).explanation?.details.plan;
  test('blocks in order give plan = 0', () => assert.equal(plan(FULL), 0));
  test('a block that comes after the next one adds 1', () => {
    const swapped = [at('проблема', 20, 29), at('лмнение', 0, 9), ...FULL.slice(2)];
    assert.equal(plan(swapped), 1);
  });
  test('overlapping blocks count only when the next one also ends earlier', () => {
    assert.equal(plan([at('проблема', 20, 29), at('лмнение', 0, 39), ...FULL.slice(2)]), 0);
  });
  test("each block's position is its last selection", () => {
    assert.equal(plan([...FULL, at('проблема', 150, 159)]), 1);
  });
  test('an absent block adds 1, and a missing обоснование counts twice', () => {
    assert.equal(plan(without('проблема')), 1);
    assert.equal(plan(without('вывод')), 1);
    assert.equal(plan(without('обоснование')), 2);
    assert.equal(plan([]), 5);
  });
  test('K2 thresholds on plan + а.логика + а.связь + а.абзац', () => {
    assert.equal(K(FULL).K2, 3);
    assert.equal(K([...FULL, sel('А.логика')]).K2, 2);
    assert.equal(K([...FULL, ...many('А.связь', 2), ...many('А.абзац', 2)]).K2, 2);
    assert.equal(K([...FULL, ...many('А.связь', 5)]).K2, 1);
    assert.equal(K([...FULL, ...many('А.логика', 8)]).K2, 1);
    assert.equal(K([...FULL, ...many('А.логика', 9)]).K2, 0);
  });
});

describe('eng K3..K5', () => {
  test('K3 branches on а.лекс and а.запас', () => {
    const k3 = (lex: number, voc: number) => K([...FULL, ...many('А.лекс', lex), ...many('А.запас', voc)]).K3;
    assert.deepEqual(
      [k3(1, 0), k3(2, 0), k3(3, 0), k3(0, 1), k3(1, 1), k3(4, 1), k3(5, 0), k3(0, 2)],
      [3, 2, 2, 2, 1, 1, 0, 0],
    );
  });
  test('K4 branches on а.грамм and а.уров', () => {
    const k4 = (g: number, l: number) => K([...FULL, ...many('А.грамм', g), ...many('А.уров', l)]).K4;
    assert.deepEqual(
      [k4(2, 0), k4(3, 0), k4(4, 0), k4(0, 1), k4(7, 1), k4(8, 0), k4(0, 2)],
      [3, 2, 2, 1, 1, 0, 0],
    );
  });
  test('K5 branches on а.орф and а.пункт', () => {
    const k5 = (o: number, p: number) => K([...FULL, ...many('А.орф', o), ...many('А.пункт', p)]).K5;
    assert.deepEqual([k5(1, 1), k5(2, 0), k5(2, 2), k5(3, 2), k5(0, 5)], [2, 1, 1, 0, 0]);
  });
  test('eng-free uses the same rules and a maximum of 14', () => {
    const r = run([...FULL, sel('А.лекс'), ...many('А.грамм', 3)], 200, false, 'eng-free');
    assert.deepEqual(r.criteria, run([...FULL, sel('А.лекс'), ...many('А.грамм', 3)]).criteria);
    assert.equal(r.subject, 'eng-free');
    assert.equal(r.max, 14);
  });
  test('outside web mode K2..K5 are computed when K1 = 0; web mode returns zeros', () => {
    assert.deepEqual(run([], 200).criteria, { K1: 0, K2: 1, K3: 3, K4: 3, K5: 2 }, 'plan = 5 → K2 = 1');
    assert.deepEqual(run([], 200, true).criteria, { K1: 0, K2: 0, K3: 0, K4: 0, K5: 0 });
    assert.deepEqual(run(FULL, 200, true).criteria, { K1: 3, K2: 3, K3: 3, K4: 3, K5: 2 });
  });
});
