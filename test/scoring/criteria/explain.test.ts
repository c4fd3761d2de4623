import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCriteria } from '../../../src/scoring/criteria/index.js';
import { essay, many, sel } from './helpers.js';

describe('explanations', () => {
  test('are attached only when asked for', () => {
    assert.equal(computeCriteria(essay('rus', 200)).explanation, undefined);
    assert.ok(computeCriteria(essay('rus', 200), { explain: true }).explanation);
  });
  test('name the rule and the counts behind each K', () => {
    const r = computeCriteria(
      essay('rus', 200, [sel('проблема'), ...many('пример', 2), sel('пояснение'), sel('связь')]),
      { explain: true },
    );
    assert.equal(
      r.explanation?.rules.K2,
      'K2 = 4: пример≥2 ∧ пояснение+связь≥2 (пример=2, пояснение=1, связь=1)',
    );
    assert.equal(
      r.explanation?.rules.K1,
      'K1 = 1: [проблема>0 ∧ п.проблема=0 ∧ п.факт=0] (проблема=1, п.проблема=0, п.факт=0)',
    );
    assert.equal(
      r.explanation?.rules.K10,
      'K10 = 2: max(0, ⌊2.5−0.5·ошреч−short⌋) (ошреч=0, short=0, W=200)',
    );
  });
  test('list the content errors that zeroed rus K2', () => {
    const r = computeCriteria(essay('rus', 200, [sel('проблема'), sel('П.копир'), ...many('пример', 2)]), {
      explain: true,
    });
    assert.equal(
      r.explanation?.rules.K2,
      'K2 = 0: п.опора+п.пересказ+п.факткомм+п.другая+п.копир>0 (п.копир=1, пример=2, пояснение=0, связь=0)',
    );
  });
  test('explain rules that were skipped, quirks and gates', () => {
    const rus = computeCriteria(essay('rus', 200), { explain: true }).explanation;
    assert.equal(rus?.rules.K3, 'K3 = 0: not computed because K1=0 (outside web mode)');
    const lit = computeCriteria(essay('lit', 200, [sel('аргумент'), sel('С.факт')]), {
      explain: true,
    }).explanation;
    assert.match(lit?.rules.K2 ?? '', /^K2 = 0: \(quirk: lit с\.факт=1\)/);
    const web = computeCriteria(essay('social', 200), { explain: true, webMode: true }).explanation;
    assert.equal(web?.gate, 'K1=0');
    assert.equal(web?.webMode, true);
  });
  test('carry the word count, counts, categories and subject details', () => {
    const e = computeCriteria(
      essay('hist', 120, [
        sel('сяп'),
        sel('роль', { tag: 'a' }),
        sel('И.лроль', { tag: 'a' }),
        sel('Г.согл'),
      ]),
      { explain: true },
    ).explanation;
    assert.equal(e?.wordCount, 120);
    assert.equal(e?.counts['роль'], 1);
    assert.equal(e?.counts['и.лроль'], 1);
    assert.equal(e?.counts['г.согл'], 1);
    assert.equal(e?.categories.ошграм, 1);
    assert.equal(e?.details.role1, true);
    assert.equal(e?.details.role1Tag, '"a"');
    assert.equal(e?.details.role1Errors, 0, 'И.лроль with a capital И is not linked');
    assert.equal(e?.details.role2Tag, '""');
  });
  test('eng explanations carry the plan steps', () => {
    const e = computeCriteria(essay('eng', 200), { explain: true }).explanation;
    assert.equal(e?.details.plan, 5);
    assert.match(String(e?.details.planSteps), /^проблема absent \(\+1\);.*вывод absent \(\+1\)$/);
  });
  test('do not change the scores', () => {
    const input = essay('rus', 200, [sel('проблема'), sel('Р.знач'), sel('П.однообр')]);
    const plain = computeCriteria(input);
    const explained = computeCriteria(input, { explain: true });
    assert.deepEqual(explained.criteria, plain.criteria);
    assert.equal(explained.total, plain.total);
  });
});
