import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeCriteria,
  SUBJECT_CRITERIA_COUNT,
  SUBJECT_MAX,
  SUBJECTS,
} from '../../../src/scoring/criteria/index.js';
import type { CriteriaInput } from '../../../src/scoring/criteria/index.js';

// Every code any rule reads, plus category codes, in mixed case.
const CODES = [
  'проблема',
  'ПРИМЕР',
  'пояснение',
  'связь',
  'позиция',
  'отношение',
  'П.проблема',
  'П.факт',
  'П.опора',
  'П.копир',
  'П.позиция',
  'П.отнош',
  'П.однообр',
  'П.точность',
  'Г.согл',
  'Р.повтор',
  'Л.скачок',
  'Ф.факт',
  'Э.оскорб',
  'аргумент',
  'понятие',
  'С.тема',
  'С.поверхн',
  'С.факт',
  'С.понятие',
  'С.неиспол',
  'С.послед',
  'С.композ',
  'идея',
  'теория',
  'логика',
  'пример.общ',
  'пример.лич',
  'пример.ист',
  'О.упрощ',
  'О.теорсвязь',
  'О.дубл',
  'О.вывод',
  'сяп',
  'роль',
  'РОЛЬ',
  'причина',
  'следствие',
  'оценка',
  'и.лроль',
  'И.лроль',
  'и.причин',
  'И.сяп',
  'И.факт',
  'И.излож',
  'лмнение',
  'прмнение',
  'обоснование',
  'вывод',
  'А.непрод',
  'А.стиль',
  'А.аспект',
  'А.логика',
  'А.лекс',
  'А.запас',
  'А.грамм',
  'А.уров',
  'А.орф',
  'А.пункт',
];

const arbEssay: fc.Arbitrary<CriteriaInput> = fc
  .record({
    subject: fc.constantFrom(...SUBJECTS),
    words: fc.array(fc.constantFrom('мир', 'слово', '-', 'текст', '', 'and'), { maxLength: 400 }),
    raw: fc.array(
      fc.record({
        type: fc.constantFrom(...CODES),
        tag: fc.constantFrom('', '', '', 'a', 'b', undefined, null),
        a: fc.nat(),
        b: fc.nat(),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ subject, words, raw }) => {
    const text = words.join(' ');
    const selections = raw.map(({ type, tag, a, b }) => {
      const [x, y] = [a % (text.length + 1), b % (text.length + 1)];
      const sel = { type, startSelection: Math.min(x, y), endSelection: Math.max(x, y) };
      return tag === undefined ? sel : { ...sel, tag };
    });
    return { meta: { subject }, text, selections };
  });

describe('properties', () => {
  test('every K is within [0, max], there are as many as the subject has, and the total is ΣK ≤ max', () => {
    fc.assert(
      fc.property(arbEssay, fc.boolean(), (input, webMode) => {
        const r = computeCriteria(input, { webMode });
        const values = Object.values(r.criteria);
        assert.equal(values.length, SUBJECT_CRITERIA_COUNT[r.subject]);
        assert.equal(r.max, SUBJECT_MAX[r.subject]);
        for (const v of values) assert.ok(Number.isInteger(v) && v >= 0 && v <= r.max, `K = ${v}`);
        assert.equal(
          r.total,
          values.reduce((a, b) => a + b, 0),
        );
        assert.ok(r.total <= r.max);
      }),
      { numRuns: 500 },
    );
  });
  test('results are deterministic and do not depend on what was computed before', () => {
    fc.assert(
      fc.property(fc.array(arbEssay, { minLength: 2, maxLength: 6 }), fc.boolean(), (inputs, webMode) => {
        const forward = inputs.map((i) => computeCriteria(i, { webMode, explain: true }));
        const backward = [...inputs]
          .reverse()
          .map((i) => computeCriteria(i, { webMode, explain: true }))
          .reverse();
        assert.deepEqual(backward, forward);
      }),
      { numRuns: 200 },
    );
  });
  test('the input is not modified', () => {
    fc.assert(
      fc.property(arbEssay, (input) => {
        const copy = structuredClone(input);
        computeCriteria(input, { explain: true });
        assert.deepEqual(input, copy);
      }),
      { numRuns: 100 },
    );
  });
  test('explanations never change the scores', () => {
    fc.assert(
      fc.property(arbEssay, fc.boolean(), (input, webMode) => {
        const plain = computeCriteria(input, { webMode });
        const { explanation, ...rest } = computeCriteria(input, { webMode, explain: true });
        assert.ok(explanation);
        assert.deepEqual(rest, plain);
      }),
      { numRuns: 200 },
    );
  });
});
