import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

const run = (subject: string, selections: CriteriaSelectionInput[], w = 200) =>
  computeCriteria(essay(subject, w, selections));

describe('rus-free', () => {
  test('an empty markup scores 24 whatever the length', () => {
    for (const w of [1, 50, 500]) {
      const r = run('rus-free', [], w);
      assert.deepEqual(r.criteria, { K1: 4, K2: 4, K3: 4, K4: 3, K5: 3, K6: 3, K7: 3 });
      assert.equal(r.total, 24);
      assert.equal(r.max, 24);
    }
  });
  test('each category lowers its criterion and clamps at 0', () => {
    const k = run('rus-free', [
      ...many('Г.согл', 1),
      ...many('Р.знач', 2),
      ...many('Л.скачок', 5),
      ...many('Ф.факт', 3),
      ...many('Э.оскорб', 4),
    ]).criteria;
    assert.deepEqual(k, { K1: 3, K2: 2, K3: 0, K4: 0, K5: 0, K6: 3, K7: 3 });
  });
  test('meaning blocks and other codes do not count', () => {
    assert.equal(run('rus-free', [sel('проблема'), sel('П.факт'), sel('А.грамм')]).total, 24);
  });
});

describe('lit', () => {
  const K = (selections: CriteriaSelectionInput[]) => run('lit', selections).criteria;
  const arg = [sel('аргумент')];
  test('K1 branches: с.тема → 0, с.поверхн → 1, с.одностор → 2, else 3', () => {
    assert.equal(K([sel('С.тема'), sel('С.поверхн')]).K1, 0);
    assert.equal(K([sel('С.поверхн'), sel('С.одностор')]).K1, 1);
    assert.equal(K([sel('С.одностор')]).K1, 2);
    assert.equal(K([]).K1, 3);
  });
  test('K2 = 0 without аргумент, or with с.опора, с.позиция or с.факт≥4', () => {
    assert.equal(K([]).K2, 0);
    assert.equal(K([...arg, sel('С.опора')]).K2, 0);
    assert.equal(K([...arg, sel('С.позиция')]).K2, 0);
    assert.equal(K([...arg, ...many('С.факт', 4)]).K2, 0);
  });
  test('K2 = 1 with с.упрощен, с.пересказ or с.факт=3', () => {
    assert.equal(K([...arg, sel('С.упрощен')]).K2, 1);
    assert.equal(K([...arg, sel('С.пересказ')]).K2, 1);
    assert.equal(K([...arg, ...many('С.факт', 3)]).K2, 1);
  });
  test('K2 = 2 with с.факт=2 and 3 with no с.факт', () => {
    assert.equal(K([...arg, ...many('С.факт', 2)]).K2, 2);
    assert.equal(K(arg).K2, 3);
  });
  test('(quirk: lit с.факт=1) exactly one с.факт gives K2 = 0', () => {
    assert.equal(K([...arg, sel('С.факт')]).K2, 0);
  });
  test('K3 branches on понятие, с.понятие and с.неиспол', () => {
    assert.equal(K([]).K3, 0, 'no понятие');
    assert.equal(K([sel('понятие'), ...many('С.понятие', 2)]).K3, 0);
    assert.equal(K([sel('понятие'), sel('С.понятие')]).K3, 1);
    assert.equal(K([sel('понятие'), sel('С.неиспол')]).K3, 1);
    assert.equal(K([sel('понятие')]).K3, 2);
  });
  test('K4 branches: с.композ → 0, с.неразв/с.связь → 1, с.послед → 2, else 3', () => {
    assert.equal(K([sel('С.композ'), sel('С.связь')]).K4, 0);
    assert.equal(K([sel('С.неразв'), sel('С.послед')]).K4, 1);
    assert.equal(K([sel('С.связь')]).K4, 1);
    assert.equal(K([sel('С.послед')]).K4, 2);
    assert.equal(K([]).K4, 3);
  });
  test('K5 = max(0, ⌊3.5−0.5·ошреч⌋)', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 7, 9].map((r) => K(many('Р.повтор', r)).K5),
      [3, 3, 2, 2, 1, 1, 0, 0],
    );
  });
  test('the text length does not matter outside web mode', () => {
    assert.deepEqual(run('lit', [], 10).criteria, run('lit', [], 1000).criteria);
  });
});
