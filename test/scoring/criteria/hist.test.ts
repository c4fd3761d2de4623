import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

const run = (selections: CriteriaSelectionInput[], webMode = false) =>
  computeCriteria(essay('hist', 200, selections), { webMode, explain: true });
const K = (selections: CriteriaSelectionInput[], webMode = false) => run(selections, webMode).criteria;
const sjp = many('сяп', 2);

describe('hist K1', () => {
  test('K1 = max(0, min(2, сяп−и.сяп−и.период))', () => {
    assert.equal(K([sel('сяп')]).K1, 1);
    assert.equal(K(many('СЯП', 3)).K1, 2);
    assert.equal(K([...many('сяп', 3), sel('И.сяп')]).K1, 2);
    assert.equal(K([...sjp, sel('И.сяп'), sel('И.период')]).K1, 0);
    assert.equal(K([sel('сяп'), ...many('И.период', 2)]).K1, 0);
  });
  test('web mode returns zeros when K1 = 0; outside web mode the rest is computed', () => {
    const sels = [sel('роль'), sel('оценка')];
    assert.deepEqual(K(sels, true), { K1: 0, K2: 0, K3: 0, K4: 0, K5: 0, K6: 0, K7: 0 });
    assert.deepEqual(K(sels), { K1: 0, K2: 1, K3: 0, K4: 1, K5: 1, K6: 3, K7: 0 });
  });
});

describe('hist K2: roles', () => {
  test('each of the first two роль gives 1', () => {
    assert.equal(K([sel('роль', { tag: 'a' })]).K2, 1);
    assert.equal(K([sel('роль', { tag: 'a' }), sel('роль', { tag: 'b' }), sel('роль', { tag: 'c' })]).K2, 2);
  });
  test('a role error counts against the role with the same tag only', () => {
    const roles = [sel('роль', { tag: 'a' }), sel('роль', { tag: 'b' })];
    assert.equal(K([...roles, sel('и.лроль', { tag: 'a' })]).K2, 1);
    assert.equal(K([...roles, sel('и.лроль', { tag: 'a' }), sel('и.личность', { tag: 'a' })]).K2, 1);
    assert.equal(K([...roles, sel('и.лсвязь', { tag: 'a' }), sel('и.лдейств', { tag: 'b' })]).K2, 0);
    assert.equal(K([...roles, sel('и.лпериод', { tag: 'z' })]).K2, 2, 'an unrelated tag');
  });
  test('(quirk: hist case-sensitive) РОЛЬ and Роль are not roles', () => {
    assert.equal(K([sel('РОЛЬ', { tag: 'a' }), sel('Роль', { tag: 'b' })]).K2, 0);
  });
  test('(quirk: hist case-sensitive) И.лроль with a capital И is not a role error', () => {
    assert.equal(K([sel('роль', { tag: 'a' }), sel('И.лроль', { tag: 'a' })]).K2, 1);
  });
  test('an absent role keeps tag "", so untagged role errors count against it (−1, clamped)', () => {
    const r = run([sel('роль', { tag: 'a' }), sel('и.лроль')]);
    assert.equal(r.explanation?.unclamped.K2, 0, 'role 1: 1−0, absent role 2: 0−1');
    const none = run([sel('и.лроль')]);
    assert.equal(none.explanation?.unclamped.K2, -2);
    assert.equal(none.criteria.K2, 0);
  });
  test('a role without a tag field links errors without one (raw tag comparison)', () => {
    // role 1: 1−1 (undefined === undefined); absent role 2 has tag '' and no '' errors: 0.
    assert.equal(K([sel('роль', { noTag: true }), sel('и.лроль', { noTag: true })]).K2, 0);
  });
});

describe('hist K3: causes and consequences', () => {
  test('a причина with an i-th следствие gives 1, matched by position', () => {
    assert.equal(K([sel('причина', { tag: 'x' }), sel('следствие', { tag: 'other' })]).K3, 1);
    assert.equal(
      K([sel('причина', { tag: 'x' }), sel('причина', { tag: 'y' }), sel('следствие', { tag: 'x' })]).K3,
      1,
    );
    assert.equal(
      K([sel('причина', { tag: 'x' }), sel('причина', { tag: 'y' }), ...many('следствие', 2)]).K3,
      2,
    );
    assert.equal(K([sel('причина', { tag: 'x' })]).K3, 0);
  });
  test('a cause error counts against the cause with its tag', () => {
    const pairs = [sel('причина', { tag: 'x' }), sel('причина', { tag: 'y' }), ...many('следствие', 2)];
    assert.equal(K([...pairs, sel('и.причин', { tag: 'x' })]).K3, 1);
    assert.equal(K([...pairs, sel('и.причин', { tag: 'x' }), sel('и.следств', { tag: 'y' })]).K3, 0);
  });
  test('(quirk: hist case-sensitive) ПРИЧИНА and СЛЕДСТВИЕ are not recognised', () => {
    assert.equal(K([sel('ПРИЧИНА', { tag: 'x' }), sel('СЛЕДСТВИЕ')]).K3, 0);
  });
});

describe('hist K4..K7', () => {
  test('K4 = [оценка>0] − [и.влиян+и.упрощ>0], clamped', () => {
    assert.equal(K([sel('оценка')]).K4, 1);
    assert.equal(K([sel('оценка'), sel('И.влиян')]).K4, 0);
    const r = run([sel('И.упрощ')]);
    assert.equal(r.explanation?.unclamped.K4, -1);
    assert.equal(r.criteria.K4, 0);
  });
  test('K5 = 1 − [и.понятие+и.неиспол>0]', () => {
    assert.equal(K([]).K5, 1);
    assert.equal(K([sel('И.понятие')]).K5, 0);
    assert.equal(K([sel('И.неиспол')]).K5, 0);
  });
  test('K6 = max(0, 3−и.факт)', () => {
    assert.deepEqual(
      [0, 1, 3, 5].map((f) => K(many('И.факт', f)).K6),
      [3, 2, 0, 0],
    );
  });
  const full = [
    ...sjp,
    sel('роль', { tag: 'r1' }),
    sel('роль', { tag: 'r2' }),
    sel('причина', { tag: 'c1' }),
    sel('следствие', { tag: 'c1' }),
    sel('оценка'),
  ];
  test('K7 = 1 when K1+K2+K3+K4 ≥ 5 and и.излож = 0; a full markup scores 11 + 1', () => {
    assert.deepEqual(K(full), { K1: 2, K2: 2, K3: 1, K4: 1, K5: 1, K6: 3, K7: 1 });
    assert.equal(K([...full, sel('И.излож')]).K7, 0);
    assert.equal(K(full.filter((s) => s.type !== 'оценка' && s.type !== 'причина')).K7, 0, 'sum 4');
  });
  test('K7 reads the unclamped K1..K4', () => {
    // K3 = −2 (no causes, two untagged cause errors count against both absent causes).
    const sels = [
      ...sjp,
      sel('роль', { tag: 'r1' }),
      sel('роль', { tag: 'r2' }),
      sel('оценка'),
      sel('и.причин'),
    ];
    const r = run(sels);
    assert.equal(r.explanation?.unclamped.K3, -2);
    assert.equal(r.criteria.K3, 0);
    // Clamped, K1+K2+K3+K4 would be 2+2+0+1 = 5; unclamped it is 3.
    assert.equal(r.criteria.K7, 0);
  });
});
