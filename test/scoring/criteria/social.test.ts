import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

const K = (selections: CriteriaSelectionInput[], webMode = false) =>
  computeCriteria(essay('social', 200, selections), { webMode }).criteria;
const idea = [sel('идея')];

describe('social', () => {
  test('K1 = [идея>0 ∧ о.смысл=о.подмена=о.пересказ=0]', () => {
    assert.equal(K(idea).K1, 1);
    assert.equal(K([]).K1, 0);
    for (const code of ['О.смысл', 'О.подмена', 'О.пересказ'])
      assert.equal(K([...idea, sel(code)]).K1, 0, code);
  });
  test('K2 adds понятие and теория and subtracts their errors', () => {
    assert.equal(K([sel('понятие'), sel('теория')]).K2, 2);
    assert.equal(K([sel('понятие')]).K2, 1);
    assert.equal(K([sel('понятие'), sel('теория'), sel('О.понятие'), sel('О.теория')]).K2, 1);
    assert.equal(K([sel('понятие'), sel('теория'), sel('О.теорсвязь')]).K2, 1);
    assert.equal(K([sel('понятие'), sel('теория'), ...many('О.нехватает', 2)]).K2, 0);
    assert.equal(K([sel('понятие'), ...many('О.нехватает', 3)]).K2, 0, 'clamped at 0');
  });
  test('K2 = 0 whenever о.упрощ is present', () => {
    assert.equal(K([sel('понятие'), sel('теория'), sel('О.упрощ')]).K2, 0);
  });
  test('K3 = max(0, [логика>0]−о.рассужд−о.вывод)', () => {
    assert.equal(K([sel('логика')]).K3, 1);
    assert.equal(K([sel('логика'), sel('О.рассужд')]).K3, 0);
    assert.equal(K([sel('логика'), sel('О.вывод'), sel('О.рассужд')]).K3, 0);
    assert.equal(K([]).K3, 0);
  });
  test('K4 counts kinds with at least two examples, capped at 2, minus errors', () => {
    assert.equal(K([sel('пример.общ')]).K4, 0, 'one example is not enough');
    assert.equal(K(many('пример.общ', 2)).K4, 1);
    assert.equal(K([...many('пример.общ', 2), ...many('пример.лич', 2)]).K4, 2);
    assert.equal(K([...many('пример.общ', 2), ...many('пример.лич', 2), ...many('пример.ист', 2)]).K4, 2);
    for (const code of ['О.примсвязь', 'О.подтв', 'О.дубл', 'О.факт', 'О.подробн']) {
      assert.equal(K([...many('пример.общ', 2), ...many('пример.лич', 2), sel(code)]).K4, 1, code);
    }
    assert.equal(K([...many('пример.общ', 2), ...many('О.дубл', 3)]).K4, 0, 'clamped at 0');
  });
  test('outside web mode K2..K4 are computed even when K1 = 0', () => {
    assert.deepEqual(K([sel('понятие'), sel('логика'), ...many('пример.ист', 2)]), {
      K1: 0,
      K2: 1,
      K3: 1,
      K4: 1,
    });
  });
  test('web mode returns zeros when K1 = 0', () => {
    assert.deepEqual(K([sel('понятие'), sel('логика'), ...many('пример.ист', 2)], true), {
      K1: 0,
      K2: 0,
      K3: 0,
      K4: 0,
    });
    assert.deepEqual(K([...idea, sel('понятие')], true), { K1: 1, K2: 1, K3: 0, K4: 0 });
  });
});
