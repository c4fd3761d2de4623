import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

const zeros = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i + 1}`, 0]));

describe('web mode gates', () => {
  test('rus: fewer than 70 words → all zeros; 70 words is scored', () => {
    const r = computeCriteria(essay('rus', 69), { webMode: true, explain: true });
    assert.deepEqual(r.criteria, zeros(12));
    assert.equal(r.explanation?.gate, 'W=69<70');
    assert.match(r.explanation?.rules.K5 ?? '', /^K5 = 0: web-mode gate: W=69<70/);
    assert.equal(
      computeCriteria(essay('rus', 70), { webMode: true }).total,
      11,
      'short: K5..K12 = 2+1+2+2+1+1+1+1',
    );
    assert.equal(computeCriteria(essay('rus', 69)).total, 11, 'no gate outside web mode');
  });
  test('lit: fewer than 150 words → all zeros', () => {
    assert.deepEqual(computeCriteria(essay('lit', 149), { webMode: true }).criteria, zeros(5));
    assert.equal(computeCriteria(essay('lit', 150), { webMode: true }).total, 9);
    assert.equal(computeCriteria(essay('lit', 149)).total, 9);
  });
  test('social, hist, eng: K1 = 0 → all zeros', () => {
    assert.deepEqual(computeCriteria(essay('social', 200), { webMode: true }).criteria, zeros(4));
    assert.deepEqual(computeCriteria(essay('hist', 200), { webMode: true }).criteria, zeros(7));
    assert.deepEqual(computeCriteria(essay('eng', 200), { webMode: true }).criteria, zeros(5));
    assert.deepEqual(computeCriteria(essay('eng-free', 100), { webMode: true }).criteria, zeros(5));
  });
  test('rus-free has no gate', () => {
    assert.equal(computeCriteria(essay('rus-free', 1), { webMode: true }).total, 24);
  });
  test('hist in web mode with K1 > 0 is scored normally', () => {
    const sels = [...many('сяп', 2), sel('оценка')];
    assert.deepEqual(
      computeCriteria(essay('hist', 200, sels), { webMode: true }).criteria,
      computeCriteria(essay('hist', 200, sels)).criteria,
    );
  });
});
