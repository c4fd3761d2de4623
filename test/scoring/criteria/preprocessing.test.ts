import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import type { CriteriaSelectionInput } from '../../../src/scoring/criteria/index.js';
import { essay, sel } from './helpers.js';

const explain = (subject: string, selections: CriteriaSelectionInput[], text: number | string = 200) => {
  const e = computeCriteria(essay(subject, text, selections), { explain: true }).explanation;
  assert.ok(e);
  return e;
};

describe('tag collapse (§3.1.2)', () => {
  test('untagged selections are counted one by one', () => {
    const e = explain('rus', [sel('пример'), sel('пример'), sel('пример')]);
    assert.equal(e.counts['пример'], 3);
    assert.deepEqual(e.collapsed, []);
  });
  test('(quirk: tag collapse) a tagged selection before the last occurrence resets the count to 1', () => {
    const e = explain('rus', [sel('пример'), sel('пример', { tag: 't' }), sel('пример')]);
    assert.equal(e.counts['пример'], 1);
    assert.equal(e.trueCounts['пример'], 3);
    assert.deepEqual(e.collapsed, ['пример']);
  });
  test('a tag on the last occurrence does not collapse the count', () => {
    assert.equal(
      explain('rus', [sel('пример'), sel('пример'), sel('пример', { tag: 't' })]).counts['пример'],
      3,
    );
  });
  test('(quirk: tag collapse) a missing tag counts as tagged, so repeated codes count once', () => {
    const e = explain('rus', [
      sel('Р.повтор', { noTag: true }),
      sel('Р.повтор', { noTag: true }),
      sel('Р.повтор', { noTag: true }),
    ]);
    assert.equal(e.counts['р.повтор'], 1);
    assert.equal(e.categories.ошреч, 1);
  });
  test('(quirk: tag collapse) a null tag counts as tagged too', () => {
    assert.equal(
      explain('rus', [sel('пример', { tag: null }), sel('пример', { tag: null })]).counts['пример'],
      1,
    );
  });
  test('the collapse is per code: a tag on one code does not touch another', () => {
    const e = explain('rus', [sel('пример', { tag: 't' }), sel('пояснение'), sel('пояснение')]);
    assert.equal(e.counts['пояснение'], 2);
  });
  test('the collapse changes the scores: rus K2 falls from 5 to 3 when the markup has no tag fields', () => {
    const blocks = ['проблема', 'пример', 'пример', 'пояснение', 'пояснение', 'связь'];
    const tagged = computeCriteria(
      essay(
        'rus',
        200,
        blocks.map((t) => sel(t)),
      ),
    );
    const bare = computeCriteria(
      essay(
        'rus',
        200,
        blocks.map((t) => sel(t, { noTag: true })),
      ),
    );
    assert.equal(tagged.criteria.K2, 5);
    assert.equal(bare.criteria.K2, 3, 'пример=1, пояснение=1, связь=1');
  });
  test('codes are lowercased before counting', () => {
    assert.equal(explain('rus', [sel('ПРИМЕР'), sel('Пример'), sel('пример')]).counts['пример'], 3);
  });
});

describe('error categories (§3.1.3)', () => {
  test('every г./р./л./ф./э. code adds its count to its category', () => {
    const e = explain('rus-free', [
      sel('Г.согл'),
      sel('Г.упр'),
      sel('Г.упр'),
      sel('Р.знач'),
      sel('Л.скачок'),
      sel('Ф.факт'),
      sel('Э.оскорб'),
    ]);
    assert.deepEqual(e.categories, {
      ошграм: 3,
      ошреч: 1,
      ошлог: 1,
      ошфакт: 1,
      ошэтич: 1,
      ошпункт: 0,
      ошорф: 0,
    });
  });
  test('other prefixes (П., С., О., И., А.) are not categories', () => {
    const e = explain('rus-free', [
      sel('П.факт'),
      sel('С.факт'),
      sel('О.факт'),
      sel('И.факт'),
      sel('А.грамм'),
    ]);
    assert.deepEqual(Object.values(e.categories), [0, 0, 0, 0, 0, 0, 0]);
  });
  test("subject codes default to 0 in the explanation's counts", () => {
    assert.equal(explain('lit', []).counts['с.факт'], 0);
  });
});

describe('word count (§3.1.1)', () => {
  test('uses W(s): doubled spaces and newlines add words', () => {
    assert.equal(explain('rus', [], 'один  два').wordCount, 3);
    assert.equal(explain('rus', [], 'один\n\nдва').wordCount, 3);
    assert.equal(explain('rus', [], 'один - два , три').wordCount, 3);
  });
  test('the rus short-text threshold uses that count', () => {
    const text149 = Array.from({ length: 148 }, (_, i) => `w${i}`).join(' ') + '  end';
    assert.equal(explain('rus', [], text149).wordCount, 150);
    assert.equal(computeCriteria(essay('rus', text149)).criteria.K7, 3);
  });
});

describe('literal category codes', () => {
  test('(quirk: literal category code) a type spelled ошреч is overwritten by the computed category', () => {
    const e = explain('rus-free', [sel('ошреч'), sel('ошреч'), sel('Р.знач')]);
    assert.equal(e.categories.ошреч, 1);
    assert.equal(computeCriteria(essay('rus-free', 200, [sel('ошреч'), sel('ошреч')])).criteria.K2, 4);
  });
});
