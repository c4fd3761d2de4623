import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distance, matchSelections } from '../../../src/scoring/psr/index.js';
import type { PsrSelection } from '../../../src/scoring/psr/index.js';
import { naiveMatch } from './naive-match.js';
import { sel } from './fixtures.js';

const TYPES = [
  'Р.повтор',
  'р.повтор',
  'Р.лишн',
  'Г.согл',
  'ПРОБЛЕМА',
  'проблема',
  'пример',
  'Л.скачок',
  undefined,
];
const SUBTYPES = ['', '', 'повт', 'ПОВТ', 'некорр', undefined];

const selectionArb = (maxStart: number, maxLen: number): fc.Arbitrary<PsrSelection> =>
  fc
    .record({
      start: fc.nat({ max: maxStart }),
      len: fc.nat({ max: maxLen }),
      type: fc.constantFrom(...TYPES),
      subtype: fc.constantFrom(...SUBTYPES),
      correction: fc.constantFrom(...SUBTYPES),
    })
    .map(({ start, len, type, subtype, correction }) => {
      const s: PsrSelection = { startSelection: start, endSelection: start + len };
      if (type !== undefined) s.type = type;
      if (subtype !== undefined) s.subtype = subtype;
      if (correction !== undefined) s.correction = correction;
      return s;
    });

const markupArb = (maxStart: number, maxLen: number): fc.Arbitrary<PsrSelection[]> =>
  fc.array(selectionArb(maxStart, maxLen), { maxLength: 9 });

function strip(r: ReturnType<typeof matchSelections>): Array<{ x: number; y: number; j: number; l: number }> {
  return r.pairs.map(({ x, y, j, l }) => ({ x, y, j, l }));
}

test('the fast matcher gives exactly the naive reading of §4.3 on thousands of random markups', () => {
  // Clustered spans (many overlaps, ties and one-to-many cases) and sparse ones.
  for (const [maxStart, maxLen, runs] of [
    [30, 15, 2500],
    [80, 40, 1500],
    [10, 3, 1000],
  ] as const) {
    fc.assert(
      fc.property(
        markupArb(maxStart, maxLen),
        markupArb(maxStart, maxLen),
        fc.constantFrom('type', 'subtype', 'correction'),
        (x, y, key) => {
          assert.deepEqual(strip(matchSelections(x, y, key)), naiveMatch(x, y, key));
        },
      ),
      { numRuns: runs, seed: 20261126 + maxStart },
    );
  }
});

test('J rounds 1 − |a∩b|/|a∪b| to one decimal and overlaps under 5 % count as no overlap', () => {
  assert.equal(distance(10, 100, 0, 100), 0.1);
  assert.equal(distance(0, 80, 0, 100), 0.2);
  assert.equal(distance(0, 85, 0, 100), 0.1);
  assert.equal(distance(0, 99, 96, 195), 1); // 4 of 196 shared
  assert.equal(distance(0, 10, 11, 20), 1);
  assert.equal(distance(0, 0, 0, 0), 0);
});

test('a same-start same-type overlap is accepted through Q when L = 1.1 < Qmin = 2', () => {
  const r = matchSelections([sel('Р.повтор', 10, 100)], [sel('Р.повтор', 0, 100)], 'type');
  assert.deepEqual(strip(r), [{ x: 0, y: 0, j: 0.1, l: 1.1 }]);
  assert.equal(r.pairs[0]!.exact, false);
});

test('types compare case-insensitively, so ПРОБЛЕМА and проблема match exactly', () => {
  const r = matchSelections([sel('ПРОБЛЕМА', 5, 50)], [sel('проблема', 5, 50)], 'type');
  assert.equal(r.count, 1);
  assert.equal(r.pairs[0]!.exact, true);
});

test('a block and an error on the same span do not match on their own (L = 5 ≥ 2)', () => {
  assert.equal(matchSelections([sel('ПРОБЛЕМА', 100, 200)], [sel('Г.согл', 100, 200)], 'type').count, 0);
});

test('exact pairs lower Q by 2 each, so a block and an error match after two exact pairs (offset quirk)', () => {
  const x = [sel('Р.повтор', 0, 10), sel('Р.лишн', 20, 30), sel('ПРОБЛЕМА', 100, 200)];
  const y = [sel('Р.повтор', 0, 10), sel('Р.лишн', 20, 30), sel('Г.согл', 100, 200)];
  const r = matchSelections(x, y, 'type');
  assert.deepEqual(
    r.pairs.map((p) => [p.x, p.y, p.l, p.exact]),
    [
      [0, 0, 0, true],
      [1, 1, 0, true],
      [2, 2, 5, false],
    ],
  );
});

test('one participant fragment can match several expert fragments, each expert fragment once', () => {
  const r = matchSelections(
    [sel('Р.повтор', 0, 100)],
    [sel('Р.повтор', 0, 80), sel('Р.повтор', 0, 85)],
    'type',
  );
  assert.deepEqual(strip(r), [
    { x: 0, y: 0, j: 0.2, l: 0.2 },
    { x: 0, y: 1, j: 0.1, l: 0.1 },
  ]);
});

test('selections without the metric key are left out of that matching only', () => {
  const x = [sel('Р.повтор', 0, 10, { subtype: undefined }), sel('Г.согл', 20, 30)];
  const y = [sel('Р.повтор', 0, 10), sel('Г.согл', 20, 30)];
  assert.equal(matchSelections(x, y, 'type').count, 2);
  assert.deepEqual(
    matchSelections(x, y, 'subtype').pairs.map((p) => [p.x, p.y]),
    [[1, 1]],
  );
});

test('an empty side gives no pairs', () => {
  assert.equal(matchSelections([], [sel('Г.согл', 0, 1)], 'type').count, 0);
  assert.equal(matchSelections([sel('Г.согл', 0, 1)], [], 'type').count, 0);
});
