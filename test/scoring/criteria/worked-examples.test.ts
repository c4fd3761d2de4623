// scoring.md §6 items 1 and 5, rebuilt with our own texts that exercise the same rules
// (the official sample essays may not be copied).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel, span } from './helpers.js';

describe('§6 item 1: eng sample markups (W = 552)', () => {
  test('aspects = 6 and plan = 4 give {K1:0, K2:2, K3:3, K4:3, K5:2}', () => {
    // Only обоснование and вывод, with вывод before обоснование: 3 absent blocks + 1 order error.
    const r = computeCriteria(
      essay('eng', 552, [sel('Обоснование', span(100, 150)), sel('Вывод', span(10, 50))]),
      { explain: true },
    );
    assert.equal(r.explanation?.wordCount, 552);
    assert.equal(r.explanation?.details.aspects, 6);
    assert.equal(r.explanation?.details.plan, 4);
    assert.deepEqual(r.criteria, { K1: 0, K2: 2, K3: 3, K4: 3, K5: 2 });
    assert.equal(r.total, 10);
  });
  test('aspects = 5 (one argument) gives the same scores', () => {
    const r = computeCriteria(
      essay('eng', 552, [sel('Аргумент'), sel('Обоснование', span(100, 150)), sel('Вывод', span(10, 50))]),
      { explain: true },
    );
    assert.equal(r.explanation?.details.aspects, 5);
    assert.deepEqual(r.criteria, { K1: 0, K2: 2, K3: 3, K4: 3, K5: 2 });
  });
});

describe('§6 item 5: criteria of real-looking markups', () => {
  test('rus markup → {1,5,1,1,0,2,3,3,1,2,1,0} (Σ20)', () => {
    const r = computeCriteria(
      essay('rus', 320, [
        sel('ПРОБЛЕМА'),
        ...many('ПРИМЕР', 2),
        ...many('ПОЯСНЕНИЕ', 2),
        sel('СВЯЗЬ'),
        sel('ПОЗИЦИЯ'),
        sel('ОТНОШЕНИЕ'),
        sel('Л.скачок'),
        sel('Л.повтор'),
        sel('Г.согл'),
        sel('Р.повтор'),
        sel('Ф.факт'),
      ]),
    );
    assert.deepEqual(r.criteria, {
      K1: 1,
      K2: 5,
      K3: 1,
      K4: 1,
      K5: 0,
      K6: 2,
      K7: 3,
      K8: 3,
      K9: 1,
      K10: 2,
      K11: 1,
      K12: 0,
    });
    assert.equal(r.total, 20);
  });
  test('lit markup → {3,3,2,3,3} (Σ14)', () => {
    const r = computeCriteria(essay('lit', 400, [...many('аргумент', 2), sel('понятие'), sel('Р.повтор')]));
    assert.deepEqual(r.criteria, { K1: 3, K2: 3, K3: 2, K4: 3, K5: 3 });
    assert.equal(r.total, 14);
  });
  test('social markup → {1,2,1,0}', () => {
    const r = computeCriteria(
      essay('social', 250, [sel('идея'), sel('понятие'), sel('теория'), sel('логика'), sel('пример.лич')]),
    );
    assert.deepEqual(r.criteria, { K1: 1, K2: 2, K3: 1, K4: 0 });
  });
  test('an empty lit markup → {3,0,0,3,3}', () => {
    assert.deepEqual(computeCriteria(essay('lit', 300)).criteria, { K1: 3, K2: 0, K3: 0, K4: 3, K5: 3 });
  });
  test('an empty rus-free markup → 24', () => {
    assert.equal(computeCriteria(essay('rus-free', 300)).total, 24);
  });
  test('an empty rus markup (≥150 words) → only K5..K12, 16', () => {
    const r = computeCriteria(essay('rus', 150));
    assert.equal(r.total, 16);
    assert.deepEqual([r.criteria.K1, r.criteria.K2, r.criteria.K3, r.criteria.K4], [0, 0, 0, 0]);
  });
});
