import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appointThirdExpert, CriteriaError } from '../../../src/scoring/criteria/index.js';
import type { AppointmentInput } from '../../../src/scoring/criteria/index.js';

const markup = (subject: string, values: number[]): AppointmentInput => ({
  meta: { subject },
  criteria: Object.fromEntries(values.map((v, i) => [`K${i + 1}`, v])),
});
const decide = (subject: string, a: number[], b: number[]) =>
  appointThirdExpert(markup(subject, a), markup(subject, b));

describe('third expert: rus and rus-free', () => {
  const base = [1, 3, 1, 1, 2, 2, 3, 3, 2, 2, 1, 1];
  test('rus: Δ ≥ 8 fires, Δ = 7 does not', () => {
    assert.deepEqual(decide('rus', base, base), { decision: false, reasons: [] });
    assert.equal(decide('rus', base, [0, 0, 0, 0, 1, 2, 3, 3, 2, 2, 1, 1]).decision, false, 'Δ = 7');
    const r = decide('rus', base, [0, 0, 0, 0, 1, 1, 3, 3, 2, 2, 1, 1]);
    assert.equal(r.decision, true);
    assert.deepEqual(r.reasons, ['Δ = |ΣK_a − ΣK_b| = 8 ≥ 8']);
  });
  test('rus: |ΔK7| ≥ 2 or |ΔK8| ≥ 2 fires', () => {
    const k7 = [...base];
    k7[6] = 1;
    assert.deepEqual(decide('rus', base, k7).reasons, ['|ΔK7| = 2 ≥ 2']);
    const k8 = [...base];
    k8[7] = 0;
    assert.deepEqual(decide('rus', base, k8).reasons, ['|ΔK8| = 3 ≥ 2']);
  });
  test('rus-free: only Δ ≥ 8', () => {
    assert.equal(decide('rus-free', [4, 4, 4, 3, 3, 3, 3], [0, 0, 4, 3, 3, 3, 3]).decision, true);
    assert.equal(decide('rus-free', [4, 4, 4, 3, 3, 3, 3], [0, 1, 4, 3, 3, 3, 3]).decision, false);
  });
});

describe('third expert: lit and social (K1/K8 quirk)', () => {
  test('lit: Δ ≥ 7 or any |ΔKi| ≥ 2', () => {
    assert.equal(decide('lit', [3, 3, 2, 3, 3], [3, 2, 1, 2, 2]).decision, false);
    assert.deepEqual(decide('lit', [3, 3, 2, 3, 3], [3, 1, 2, 3, 3]).reasons, ['|ΔK2| = 2 ≥ 2']);
    assert.deepEqual(decide('lit', [3, 3, 2, 3, 3], [2, 2, 1, 2, 2]).reasons, []);
  });
  test('(quirk: K1/K8) lit: any K1 = 0 fires, because K8 does not exist', () => {
    const r = decide('lit', [0, 3, 2, 3, 3], [1, 3, 2, 3, 3]);
    assert.equal(r.decision, true);
    assert.deepEqual(r.reasons, ['(quirk: K1/K8) K1 of a = 0 and K8 of the other is undefined ≠ 0']);
    assert.equal(decide('lit', [0, 3, 2, 3, 3], [0, 3, 2, 3, 3]).decision, true, 'even when both agree');
  });
  test('social: Δ ≥ 3, |ΔK2| = 2 or |ΔK4| = 2 exactly', () => {
    assert.equal(decide('social', [1, 2, 1, 2], [1, 1, 1, 1]).decision, false);
    assert.deepEqual(decide('social', [1, 2, 1, 2], [1, 0, 1, 2]).reasons, ['|ΔK2| = 2 (exactly)']);
    assert.deepEqual(decide('social', [1, 2, 1, 2], [1, 2, 1, 0]).reasons, ['|ΔK4| = 2 (exactly)']);
    assert.deepEqual(decide('social', [1, 2, 1, 2], [1, 0, 0, 2]).reasons, [
      'Δ = |ΣK_a − ΣK_b| = 3 ≥ 3',
      '|ΔK2| = 2 (exactly)',
    ]);
  });
  test('(quirk: K1/K8) social: any K1 = 0 fires', () => {
    assert.equal(decide('social', [0, 2, 1, 2], [1, 2, 1, 2]).decision, true);
    assert.match(decide('social', [1, 2, 1, 2], [0, 2, 1, 2]).reasons[0] ?? '', /K1 of b = 0/);
  });
});

describe('third expert: hist and eng', () => {
  const base = [2, 2, 2, 1, 1, 3, 1];
  test('hist: Δ ≥ 5', () => {
    assert.ok(decide('hist', base, [2, 2, 2, 1, 0, 0, 0]).reasons.includes('Δ = |ΣK_a − ΣK_b| = 5 ≥ 5'));
  });
  test('(quirk: ==2) hist: |ΔK1|, |ΔK2|, |ΔK3| or |ΔK6| exactly 2 fires; 3 does not', () => {
    for (const i of [0, 1, 2]) {
      const b = [...base];
      b[i] = 0;
      assert.deepEqual(decide('hist', base, b).reasons, [`|ΔK${i + 1}| = 2 (exactly)`]);
    }
    const k6by2 = [...base];
    k6by2[5] = 1;
    assert.deepEqual(decide('hist', base, k6by2).reasons, ['|ΔK6| = 2 (exactly)']);
    const k6by3 = [...base];
    k6by3[5] = 0;
    assert.deepEqual(decide('hist', base, k6by3).reasons, []);
  });
  test('hist: four or more differing criteria fire', () => {
    const r = decide('hist', base, [1, 1, 1, 0, 1, 3, 1]);
    assert.deepEqual(r.reasons, ['4 criteria differ (K1, K2, K3, K4) ≥ 4']);
    assert.equal(decide('hist', base, [1, 1, 1, 1, 1, 3, 1]).decision, false);
  });
  test('eng and eng-free: Δ ≥ 4', () => {
    assert.equal(decide('eng', [3, 3, 3, 3, 2], [3, 3, 1, 2, 2]).decision, false);
    assert.equal(decide('eng', [3, 3, 3, 3, 2], [3, 3, 0, 2, 2]).decision, true);
    assert.equal(decide('eng-free', [3, 3, 3, 3, 2], [0, 3, 3, 2, 2]).decision, true);
  });
});

describe('third expert: errors', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof CriteriaError);
      return { code: e.code, message: e.message, official: e.officialMessage };
    }
    assert.fail('expected an error');
  };
  test('different subjects are refused with the official message', () => {
    const e = codeOf(() => appointThirdExpert(markup('rus', []), markup('lit', [])));
    assert.equal(e.code, 'different-subjects');
    assert.equal(e.message, 'the two markups have different subjects ("rus" and "lit")');
    assert.equal(
      e.official,
      'В сервис назначения третьего эксперта были отправлены разметки разных предметов.',
    );
  });
  test('no subject or an unknown subject', () => {
    assert.equal(
      codeOf(() => appointThirdExpert({ meta: {} }, { meta: {} })).official,
      'Не был получен код предмета.',
    );
    assert.equal(
      codeOf(() => appointThirdExpert(markup('math', []), markup('math', []))).code,
      'unknown-subject',
    );
    assert.equal(codeOf(() => appointThirdExpert({ criteria: {} }, markup('rus', []))).code, 'missing-meta');
  });
  test('a missing criterion names it, with the official message', () => {
    const e = codeOf(() => decide('lit', [3, 3, 2, 3], [3, 3, 2, 3, 3]));
    assert.equal(e.code, 'missing-criterion');
    assert.equal(e.message, 'a.criteria.K5 is missing (required for lit)');
    assert.equal(e.official, 'Критерий K5 не существует в полученной разметке');
    assert.equal(
      codeOf(() => appointThirdExpert({ meta: { subject: 'rus' } }, markup('rus', []))).message,
      'a.criteria is missing, expected an object of K values',
    );
  });
  test('non-numeric criteria are refused instead of being concatenated', () => {
    const a = {
      meta: { subject: 'eng' },
      criteria: { K1: '1', K2: 1, K3: 1, K4: 1, K5: 1 },
    } as unknown as AppointmentInput;
    const e = codeOf(() => appointThirdExpert(a, markup('eng', [1, 1, 1, 1, 1])));
    assert.equal(e.code, 'bad-criterion');
    assert.equal(e.message, 'a.criteria.K1 is "1", expected a number');
  });
});
