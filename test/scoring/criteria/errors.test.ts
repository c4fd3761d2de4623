import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeCriteria,
  CriteriaError,
  finalizeValues,
  OFFICIAL_MESSAGES,
} from '../../../src/scoring/criteria/index.js';
import type { CriteriaInput } from '../../../src/scoring/criteria/index.js';
import { isToolkitError } from '../../../src/errors.js';
import { words } from './helpers.js';

// Inputs that break the declared types on purpose, as JSON files can.
const bad = (value: unknown) => value as CriteriaInput;

function expectError(fn: () => unknown, code: string, message: RegExp, field?: string): CriteriaError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CriteriaError, `expected a CriteriaError, got ${String(error)}`);
    assert.equal(error.name, 'CriteriaError');
    assert.ok(isToolkitError(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    if (field !== undefined) assert.equal(error.field, field);
    return error;
  }
  assert.fail('expected an error');
}

describe('input errors', () => {
  test('a missing or null meta is a CriteriaError naming meta (the official code throws a TypeError)', () => {
    expectError(() => computeCriteria(bad({ text: 'x' })), 'missing-meta', /^meta is missing/, 'meta');
    expectError(
      () => computeCriteria(bad({ meta: null, text: 'x' })),
      'missing-meta',
      /^meta is null/,
      'meta',
    );
    expectError(() => computeCriteria(bad(null)), 'missing-meta', /^input is null/);
  });
  test('no subject keeps the official Russian message', () => {
    for (const meta of [{}, { subject: '' }, { subject: null }]) {
      const e = expectError(
        () => computeCriteria(bad({ meta, text: 'x' })),
        'missing-subject',
        /^meta\.subject is missing or empty$/,
        'meta.subject',
      );
      assert.equal(e.officialMessage, 'Не был получен код предмета.');
    }
  });
  test('an unknown subject keeps the official Russian message', () => {
    const e = expectError(
      () => computeCriteria(bad({ meta: { subject: 'math' }, text: 'x' })),
      'unknown-subject',
      /^meta\.subject "math" is not supported \(expected rus, rus-free, lit, social, hist, eng or eng-free\)$/,
      'meta.subject',
    );
    assert.equal(e.officialMessage, OFFICIAL_MESSAGES.unknownSubject);
    assert.equal(e.officialMessage, 'Данный предмет не поддерживается сервисом распознавания критериев.');
  });
  test('subjects are case-sensitive, as in the official dispatch', () => {
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'RUS' }, text: 'x' })),
      'unknown-subject',
      /"RUS"/,
    );
  });
  test('a text that is not a string is rejected', () => {
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' } })),
      'bad-text',
      /^text is missing/,
      'text',
    );
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 5 })),
      'bad-text',
      /^text is number/,
    );
  });
  test('missing or null selections are an empty markup', () => {
    assert.equal(computeCriteria(bad({ meta: { subject: 'rus-free' }, text: 'x' })).total, 24);
    assert.equal(
      computeCriteria(bad({ meta: { subject: 'rus-free' }, text: 'x', selections: null })).total,
      24,
    );
  });
  test('selections that are not an array, or a selection that is not an object, are rejected', () => {
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 'x', selections: {} })),
      'bad-selections',
      /^selections is object/,
      'selections',
    );
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 'x', selections: [{ type: 'a' }, 7] })),
      'bad-selection',
      /^selections\[1\] is number/,
      'selections[1]',
    );
  });
  test('a missing, null or non-string type names the selection (the official code throws a TypeError)', () => {
    const sels = [{ type: 'a' }, { type: 'b' }, { type: 'c' }];
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 'x', selections: [...sels, { tag: '' }] })),
      'bad-type',
      /^selections\[3\]\.type is missing, expected a string$/,
      'selections[3].type',
    );
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 'x', selections: [{ type: null }] })),
      'bad-type',
      /^selections\[0\]\.type is null/,
    );
    expectError(
      () => computeCriteria(bad({ meta: { subject: 'rus' }, text: 'x', selections: [{ type: 3 }] })),
      'bad-type',
      /^selections\[0\]\.type is number \(3\)/,
    );
  });
  test('offsets are not checked by default, as in the official code', () => {
    const input = bad({
      meta: { subject: 'eng' },
      text: words(200),
      selections: [{ type: 'А.непрод', startSelection: 5000, endSelection: -3, tag: '' }],
    });
    assert.doesNotThrow(() => computeCriteria(input));
  });
  test('checkOffsets rejects offsets past the text, negative, fractional, missing or reversed', () => {
    const text = words(10);
    const run = (s: unknown) =>
      computeCriteria(bad({ meta: { subject: 'rus' }, text, selections: [s] }), { checkOffsets: true });
    const past = text.length + 2;
    expectError(
      () => run({ type: 'a', startSelection: 0, endSelection: past }),
      'bad-offset',
      new RegExp(
        `^selections\\[0\\]\\.endSelection is number \\(${past}\\), expected an integer in 0\\.\\.${text.length + 1} \\(text length ${text.length}\\)$`,
      ),
      'selections[0].endSelection',
    );
    expectError(
      () => run({ type: 'a', startSelection: text.length + 1, endSelection: text.length + 1 }),
      'bad-offset',
      /startSelection/,
    );
    expectError(
      () => run({ type: 'a', startSelection: -1, endSelection: 0 }),
      'bad-offset',
      /startSelection/,
    );
    expectError(
      () => run({ type: 'a', startSelection: 1.5, endSelection: 2 }),
      'bad-offset',
      /startSelection/,
    );
    expectError(() => run({ type: 'a' }), 'bad-offset', /startSelection is missing/);
    // 1e400 in a file parses as Infinity; the message must not call it null.
    expectError(
      () => run({ type: 'a', startSelection: Infinity, endSelection: 2 }),
      'bad-offset',
      /startSelection is number \(Infinity\)/,
    );
    expectError(
      () => run({ type: 'a', startSelection: 5, endSelection: 2 }),
      'bad-offset',
      /greater than endSelection/,
    );
    assert.doesNotThrow(() => run({ type: 'a', startSelection: 0, endSelection: text.length }));
    // Real expert files end one past the text; the essay module accepts that too.
    assert.doesNotThrow(() => run({ type: 'a', startSelection: 0, endSelection: text.length + 1 }));
  });
});

describe('the maximum check (§3.1.4)', () => {
  test('ΣK above the maximum throws a CriteriaError', () => {
    expectError(() => finalizeValues([10, 10, 5], 24, true), 'over-max', /ΣK = 25/);
  });
  test('the check runs on the unclamped values: negatives can hide an excess', () => {
    assert.deepEqual(
      finalizeValues([20, 6, -3], 24, true),
      [20, 6, 0],
      'unclamped 23 ≤ 24 passes although the clamped sum is 26',
    );
    const e = expectError(
      () => finalizeValues([20, 6], 24, true),
      'over-max',
      /ΣK = 26 exceeds the subject maximum 24/,
    );
    assert.equal(
      e.officialMessage,
      'Высчитанное количество баллов превысило максимально допустимое значение.',
    );
  });
  test('(quirk: eng has no max check) negatives are still clamped', () => {
    assert.deepEqual(finalizeValues([10, 10, -1], 14, false), [10, 10, 0]);
  });
});
