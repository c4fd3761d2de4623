// Properties that must hold for any markup: identical markups, role swaps (§4.1), no hidden state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createM7Tables, scorePsr } from '../../../src/scoring/psr/index.js';
import type { PsrInput, PsrSelection } from '../../../src/scoring/psr/index.js';
import { essayInput, markup, WORDS_TEXT } from './fixtures.js';

const TYPES = ['Р.повтор', 'Р.лишн', 'Г.согл', 'проблема', 'ПРИМЕР', 'Л.скачок', 'пояснение'];

const selectionArb: fc.Arbitrary<PsrSelection> = fc
  .record({
    start: fc.nat({ max: WORDS_TEXT.length - 1 }),
    len: fc.nat({ max: 80 }),
    type: fc.constantFrom(...TYPES),
    subtype: fc.constantFrom('', 'повт', 'согл'),
    correction: fc.constantFrom('', 'fix'),
  })
  .map(({ start, len, type, subtype, correction }) => ({
    startSelection: start,
    endSelection: Math.min(WORDS_TEXT.length, start + len),
    type,
    subtype,
    correction,
  }));

/** At least one non-empty subtype, so M4 can be 1. */
const markupArb = fc
  .array(selectionArb, { minLength: 1, maxLength: 25 })
  .map((s) => [{ ...s[0]!, subtype: 'повт' }, ...s.slice(1)]);

const criteriaArb = fc.record({ K1: fc.integer({ min: 0, max: 3 }), K2: fc.integer({ min: 0, max: 5 }) });

test('identical markups score MTotal 120 without M7, and 116.67 with M7 weight 1 and M7 = 100', () => {
  fc.assert(
    fc.property(markupArb, criteriaArb, (s, criteria) => {
      const input = essayInput({
        id: 'same-essay',
        participant: s,
        experts: [s, s],
        participantCriteria: criteria,
        expertCriteria: criteria,
      });
      assert.equal(scorePsr(input).markups[0]!.matching[0]!.metrics.MTotal, 120);
      const m7Tables = createM7Tables({
        participant: [{ mk_uuid: 'part', mark: 100 }],
        expert: [
          { mk_uuid: 'exp1', mark: 100 },
          { mk_uuid: 'exp2', mark: 100 },
        ],
        excluded: ['same-essay'],
      });
      const r = scorePsr(input, { m7Tables });
      assert.equal(r.markups[0]!.matching[0]!.metrics.MTotal, 116.67);
      for (const m of r.markups) assert.ok(m.matching.every((x) => x.metrics.MTotal === 116.67));
      assert.deepEqual(
        r.markups.map((m) => [m.STAR, m.STER, m.OTAR]),
        [
          [116.67, 0, 100],
          [0, 116.67, 0],
          [0, 116.67, 0],
        ],
      );
    }),
    { numRuns: 300, seed: 7 },
  );
});

function threeMarkups(
  a: PsrSelection[],
  b: PsrSelection[],
  c: PsrSelection[],
  participant: 0 | 1 | null,
): PsrInput {
  const input = essayInput({ participant: null, experts: [] });
  input.essay.markups = [
    markup('A', participant !== 0, a),
    markup('B', participant !== 1, b),
    markup('C', true, c),
  ];
  return input;
}

test('swapping the participant and an expert swaps their roles exactly as §4.1 pairs them', () => {
  fc.assert(
    fc.property(markupArb, markupArb, markupArb, (a, b, c) => {
      const allExperts = scorePsr(threeMarkups(a, b, c, null));
      const aFirst = scorePsr(threeMarkups(a, b, c, 0));
      const bFirst = scorePsr(threeMarkups(a, b, c, 1));
      const row = (r: typeof allExperts, id: string) => r.markups.find((m) => m.id === id)!.matching;
      // X's role does not change its metrics (no M7 tables): the participant row equals its expert row.
      assert.deepEqual(row(aFirst, 'A'), row(allExperts, 'A'));
      assert.deepEqual(row(bFirst, 'B'), row(allExperts, 'B'));
      // A participant is never a reference.
      for (const m of aFirst.markups) assert.ok(m.matching.every((x) => x.markupId !== 'A'));
      for (const m of bFirst.markups) assert.ok(m.matching.every((x) => x.markupId !== 'B'));
      // After the swap, A is an expert again and compared with B as the reference... only if B is an expert.
      assert.deepEqual(
        row(bFirst, 'A'),
        row(allExperts, 'A').filter((x) => x.markupId !== 'B'),
      );
      assert.deepEqual(
        row(aFirst, 'B'),
        row(allExperts, 'B').filter((x) => x.markupId !== 'A'),
      );
      assert.ok(bFirst.markups.find((m) => m.id === 'A')!.isExp);
      assert.equal(aFirst.markups.find((m) => m.id === 'A')!.STER, 0);
    }),
    { numRuns: 150, seed: 11 },
  );
});

test('results do not depend on what was scored before: A, B, A gives the same A twice', () => {
  const m7Tables = createM7Tables({ excluded: ['essay-a'], participant: [{ mk_uuid: 'part', mark: 60 }] });
  fc.assert(
    fc.property(markupArb, markupArb, markupArb, fc.boolean(), (a, b, c, emptyA) => {
      // The empty case is where the official package leaks the M7 weight of the previous pair.
      const inputA = essayInput({
        id: 'essay-a',
        participant: emptyA ? [] : a,
        experts: emptyA ? [[], []] : [b, c],
      });
      const inputB = essayInput({ id: 'essay-b', participant: c, experts: [a, b] });
      const first = scorePsr(inputA, { m7Tables });
      scorePsr(inputB, { m7Tables });
      scorePsr(inputB);
      const again = scorePsr(inputA, { m7Tables });
      assert.deepEqual(again, first);
    }),
    { numRuns: 150, seed: 13 },
  );
});
