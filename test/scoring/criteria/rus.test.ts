import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

const K = (selections: CriteriaSelectionInput[], w = 200, webMode = false) =>
  computeCriteria(essay('rus', w, selections), { webMode }).criteria;
const withProblem = (...rest: CriteriaSelectionInput[][]) => [sel('проблема'), ...rest.flat()];

describe('rus K1', () => {
  test('is 1 with a проблема and no п.проблема / п.факт', () => {
    assert.equal(K([sel('проблема')]).K1, 1);
  });
  test('is 0 with п.проблема or п.факт, or without a проблема', () => {
    assert.equal(K([sel('проблема'), sel('П.проблема')]).K1, 0);
    assert.equal(K([sel('проблема'), sel('П.факт')]).K1, 0);
    assert.equal(K([]).K1, 0);
  });
  test('compares codes case-insensitively', () => {
    assert.equal(K([sel('ПРОБЛЕМА')]).K1, 1);
  });
});

describe('rus K2 branches (K1 = 1)', () => {
  const cases: Array<[string, CriteriaSelectionInput[], number]> = [
    ['5: пример≥2 ∧ пояснение≥2 ∧ связь≥1', [...many('пример', 2), ...many('пояснение', 2), sel('связь')], 5],
    ['4: пример≥2 ∧ пояснение+связь≥2 (1+1)', [...many('пример', 2), sel('пояснение'), sel('связь')], 4],
    ['4: пример≥2 ∧ пояснение=2, no связь', [...many('пример', 2), ...many('пояснение', 2)], 4],
    ['3: пример+пояснение+связь≥3', [sel('пример'), ...many('пояснение', 2)], 3],
    ['2: пример=2 alone', many('пример', 2), 2],
    ['1: пример=1 alone', [sel('пример')], 1],
    ['0: nothing', [], 0],
    ['0: пояснение+связь without пример, sum 2', [sel('пояснение'), sel('связь')], 0],
  ];
  for (const [name, selections, expected] of cases) {
    test(`K2 = ${name}`, () => assert.equal(K(withProblem(selections)).K2, expected));
  }
  for (const code of ['П.опора', 'П.пересказ', 'П.факткомм', 'П.другая', 'П.копир']) {
    test(`K2 = 0 when ${code} is present, however many examples`, () => {
      const full = [...many('пример', 2), ...many('пояснение', 2), sel('связь'), sel(code)];
      assert.equal(K(withProblem(full)).K2, 0);
    });
  }
});

describe('rus K3 and K4', () => {
  test('K3 = [позиция>0 ∧ п.позиция=0]', () => {
    assert.equal(K(withProblem([sel('позиция')])).K3, 1);
    assert.equal(K(withProblem([sel('позиция'), sel('П.позиция')])).K3, 0);
    assert.equal(K(withProblem([])).K3, 0);
  });
  test('K4 = [отношение>0 ∧ п.отнош+п.обоснов=0]', () => {
    assert.equal(K(withProblem([sel('отношение')])).K4, 1);
    assert.equal(K(withProblem([sel('отношение'), sel('П.отнош')])).K4, 0);
    assert.equal(K(withProblem([sel('отношение'), sel('П.обоснов')])).K4, 0);
  });
  test('(quirk: K2..K4 skipped) K2..K4 stay 0 when K1 = 0 outside web mode', () => {
    const content = [
      ...many('пример', 2),
      ...many('пояснение', 2),
      sel('связь'),
      sel('позиция'),
      sel('отношение'),
    ];
    const k = K(content);
    assert.deepEqual([k.K1, k.K2, k.K3, k.K4], [0, 0, 0, 0]);
  });
  test('web mode computes K2..K4 even when K1 = 0', () => {
    const content = [
      ...many('пример', 2),
      ...many('пояснение', 2),
      sel('связь'),
      sel('позиция'),
      sel('отношение'),
    ];
    const k = K(content, 200, true);
    assert.deepEqual([k.K1, k.K2, k.K3, k.K4], [0, 5, 1, 1]);
  });
});

describe('rus K5..K12', () => {
  test('K5 = max(2−ошлог, 0) over every Л.* code', () => {
    assert.equal(K([]).K5, 2);
    assert.equal(K([sel('Л.скачок')]).K5, 1);
    assert.equal(K([sel('Л.скачок'), sel('Л.повтор'), sel('Л.конц')]).K5, 0);
  });
  test('short texts (W<150) lose a point on K7, K8, K9 and K10', () => {
    const long = K([], 150);
    const short = K([], 149);
    assert.deepEqual([long.K7, long.K8, long.K9, long.K10], [3, 3, 2, 2]);
    assert.deepEqual([short.K7, short.K8, short.K9, short.K10], [2, 2, 1, 1]);
  });
  test('K9 = max(0, ⌊2−0.5·ошграм−short⌋)', () => {
    const k9 = (g: number, w = 200) => K(many('Г.согл', g), w).K9;
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((g) => k9(g)),
      [2, 1, 1, 0, 0, 0],
    );
    assert.deepEqual(
      [0, 1, 2].map((g) => k9(g, 100)),
      [1, 0, 0],
    );
  });
  test('K10 = max(0, ⌊2.5−0.5·ошреч−short⌋)', () => {
    const k10 = (r: number, w = 200) => K(many('Р.повтор', r), w).K10;
    assert.deepEqual(
      [0, 1, 2, 3, 4, 6].map((r) => k10(r)),
      [2, 2, 1, 1, 0, 0],
    );
    assert.deepEqual(
      [0, 1, 2].map((r) => k10(r, 100)),
      [1, 1, 0],
    );
  });
  test('K11 and K12 are 0 as soon as there is one Э.* or Ф.* error', () => {
    assert.deepEqual([K([]).K11, K([]).K12], [1, 1]);
    assert.equal(K([sel('Э.оскорб')]).K11, 0);
    assert.equal(K([sel('Ф.факт')]).K12, 0);
  });
  test('K6 branches on п.однообр+п.точность and K10', () => {
    assert.equal(K([]).K6, 2, 'p=0, K10=2');
    assert.equal(K([sel('П.однообр')]).K6, 1, 'p=1');
    assert.equal(K(many('Р.знач', 2)).K6, 1, 'p=0, K10<2');
    assert.equal(K([sel('П.однообр'), sel('П.точность')]).K6, 0, 'p=2, K10=2');
    assert.equal(K([sel('П.однообр'), sel('П.точность'), ...many('Р.знач', 2)]).K6, 1, 'p=2, K10<2');
  });
});
