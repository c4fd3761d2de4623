// The rules behind §4.4–4.6 and the §6.3 observations, each on a small essay of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createM7Tables, PsrError, scorePsr } from '../../../src/scoring/psr/index.js';
import type { PsrSelection } from '../../../src/scoring/psr/index.js';
import { roundFixed } from '../../../src/scoring/words.js';
import { essayInput, markup, sel, WORDS_TEXT } from './fixtures.js';

/** Nine fragments on separate words; corrections differ except where `same` says. */
function nine(subtype: (i: number) => string, correction: (i: number) => string): PsrSelection[] {
  return Array.from({ length: 9 }, (_, i) =>
    sel('Г.согл', i * 20, i * 20 + 5, { subtype: subtype(i), correction: correction(i) }),
  );
}

test('M6 is shown unrounded when M4 is an integer (official quirk), rounded otherwise', () => {
  const x = nine(
    () => '',
    (i) => `x${i}`,
  );
  const y = nine(
    () => 'согл',
    (i) => (i < 2 ? `x${i}` : `y${i}`),
  );
  const m = scorePsr(essayInput({ participant: x, experts: [y] })).markups[0]!.matching[0]!.metrics;
  assert.equal(m.M4, 0);
  assert.equal(m.M6, (2 / 9) * 100);
  assert.ok(!Number.isInteger(m.M6 * 100));

  const x3 = nine(
    (i) => (i < 3 ? 'согл' : 'x'),
    (i) => `x${i}`,
  );
  const m3 = scorePsr(essayInput({ participant: x3, experts: [y] })).markups[0]!.matching[0]!.metrics;
  assert.equal(m3.M4, 33.33);
  assert.equal(m3.M6, 22.22);
});

test('two empty markups score M2..M6 = 1 with M3 shown as 0; the M7 weight comes from the essay id', () => {
  const input = essayInput({ id: 'empty-essay', participant: [], experts: [[]] });
  const plain = scorePsr(input);
  assert.deepEqual(plain.markups[0]!.matching[0]!.metrics, {
    M1: 100,
    M2: 100,
    M3: 0,
    M4: 100,
    M5: 100,
    M6: 100,
    M7: 0,
    MTotal: 120,
  });
  const tables = createM7Tables({ excluded: ['empty-essay'] });
  assert.equal(scorePsr(input, { m7Tables: tables }).markups[0]!.matching[0]!.metrics.MTotal, 100);
  // Same answer whatever was scored before: no weight is carried over between calls.
  scorePsr(essayInput({ participant: [sel('Г.согл', 0, 5)], experts: [[sel('Г.согл', 0, 5)]] }));
  assert.equal(scorePsr(input).markups[0]!.matching[0]!.metrics.MTotal, 120);
  assert.ok(plain.notes.some((n) => n.includes('both markups are empty')));
});

test('a single expert has STER null, so STER_AVG and OTAR are null too, each explained in notes', () => {
  const r = scorePsr(essayInput({ participant: [sel('Г.согл', 0, 5)], experts: [[sel('Г.согл', 0, 5)]] }));
  assert.deepEqual(
    r.markups.map((m) => [m.STAR, m.STER, m.OTAR]),
    [
      [100, 0, null],
      [0, null, 0],
    ],
  );
  assert.equal(r.STER_AVG, null);
  assert.equal(r.notes.length, 3);
  assert.ok(r.notes.some((n) => n.startsWith('exp1: STER is null')));
});

test('without experts the participant STAR and OTAR are null', () => {
  const r = scorePsr(essayInput({ participant: [sel('Г.согл', 0, 5)], experts: [] }));
  assert.deepEqual([r.markups[0]!.STAR, r.markups[0]!.OTAR, r.STER_AVG], [null, null, 0]);
});

test('when exactly one markup is empty M2..M6 are 0 and MTotal is M1 / 5', () => {
  const r = scorePsr(
    essayInput({ participant: [], experts: [[sel('Г.согл', 0, 5)], [sel('Г.согл', 0, 5)]] }),
  );
  assert.deepEqual(
    r.markups[0]!.matching.map((m) => [m.metrics.M2, m.metrics.M3, m.metrics.M5, m.metrics.MTotal]),
    [
      [0, 0, 0, 20],
      [0, 0, 0, 20],
    ],
  );
});

test('experts are compared in both directions and the result is asymmetric', () => {
  const r = scorePsr(
    essayInput({
      participant: null,
      experts: [[sel('Р.повтор', 0, 100)], [sel('Р.повтор', 0, 80), sel('Р.повтор', 0, 85)]],
    }),
  );
  const [e1, e2] = r.markups;
  assert.equal(e1!.matching[0]!.metrics.M2, 100); // one-to-many: 2·2/3 clamped
  assert.equal(e2!.matching[0]!.metrics.M2, 66.67); // only one reference fragment
  assert.notEqual(e1!.STER, e2!.STER);
  assert.equal(r.STER_AVG, roundFixed((e1!.STER! + e2!.STER!) / 2, 2));
});

test('OTAR is STAR over the mean expert STER ×100 and can exceed 100', () => {
  const a = [sel('Р.повтор', 0, 100, { subtype: 'повт' }), sel('Г.согл', 150, 170, { subtype: 'согл' })];
  const b = [sel('Р.повтор', 0, 90, { subtype: 'повт' }), sel('Р.лишн', 200, 230, { subtype: 'лишн' })];
  const input = essayInput({ participant: a, experts: [] });
  input.essay.markups.push(markup('e1', true, a), markup('e2', true, b));
  const r = scorePsr(input);
  const [p, e1, e2] = r.markups;
  assert.equal(p!.matching[0]!.metrics.MTotal, 120);
  assert.equal(p!.OTAR, roundFixed((p!.STAR! / ((e1!.STER! + e2!.STER!) / 2)) * 100, 2));
  assert.ok(p!.OTAR! > 100);
});

test('a selection without a type is not matched but still counts in the M2 denominator', () => {
  const untyped: PsrSelection = { startSelection: 20, endSelection: 30, subtype: '', correction: '' };
  const r = scorePsr(
    essayInput({ participant: [sel('Г.согл', 0, 10), untyped], experts: [[sel('Г.согл', 0, 10)]] }),
  );
  assert.equal(r.markups[0]!.matching[0]!.metrics.M2, 66.67);
});

test('M4 counts two empty subtypes as equal once both sides have some non-empty subtype', () => {
  const s = [sel('Г.согл', 0, 10), sel('Р.лишн', 20, 30, { subtype: 'лишн' })];
  assert.equal(
    scorePsr(essayInput({ participant: s, experts: [s] })).markups[0]!.matching[0]!.metrics.M4,
    100,
  );
});

test('M1 uses the PSR maxima, where eng-free is 24', () => {
  const r = scorePsr(
    essayInput({
      subject: 'eng-free',
      participant: [],
      experts: [[]],
      participantCriteria: { K1: 0 },
      expertCriteria: { K1: 12 },
    }),
  );
  assert.equal(r.markups[0]!.matching[0]!.metrics.M1, 50);
});

test('matching[].third is the reference markup’s third flag', () => {
  const input = essayInput({ participant: [], experts: [[], []] });
  input.essay.markups[2]!.third = true;
  assert.deepEqual(
    scorePsr(input).markups[0]!.matching.map((m) => m.third),
    [false, true],
  );
});

function rejects(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof PsrError && e.code === code && pattern.test(e.message));
}

test('bad envelopes are PsrErrors that name the essay, markup and field', () => {
  const two = essayInput({ participant: [], experts: [[]] });
  two.essay.markups[1]!.isExpert = false;
  rejects(() => scorePsr(two), 'too-many-participants', /more than one participant.*part, exp1/);

  const noCriteria = essayInput({ participant: [], experts: [[]] });
  (noCriteria.essay.markups[1] as { criteria: unknown }).criteria = null;
  rejects(() => scorePsr(noCriteria), 'criteria-missing', /markup exp1: criteria are missing/);

  const stringCriteria = essayInput({ participant: [], experts: [[]] });
  (stringCriteria.essay.markups[0]!.criteria as Record<string, unknown>).K2 = '2';
  rejects(() => scorePsr(stringCriteria), 'criteria-not-numeric', /criteria\.K2 must be a number, got "2"/);

  rejects(
    () => scorePsr(essayInput({ participant: [], experts: [[]], expertCriteria: { K1: 20, K2: 5 } })),
    'criteria-over-max',
    /sum 25 exceeds the subject maximum 24/,
  );
  rejects(
    () => scorePsr(essayInput({ subject: 'math', participant: [], experts: [[]] })),
    'unknown-subject',
    /"math"/,
  );

  const nullType = essayInput({ participant: [sel('Г.согл', 0, 5)], experts: [[]] });
  (nullType.essay.markups[0]!.selections[0] as Record<string, unknown>).type = null;
  rejects(
    () => scorePsr(nullType),
    'bad-selection-field',
    /selections\[0\]\.type: must be a string, got null/,
  );

  const noSelections = essayInput({ participant: [], experts: [[]] });
  delete (noSelections.essay.markups[1] as Partial<(typeof noSelections.essay.markups)[1]>).selections;
  rejects(() => scorePsr(noSelections), 'bad-selections', /\(exp1\): selections must be an array/);
});

test('the essay text is only read, never changed', () => {
  const input = essayInput({ participant: [sel('Г.согл', 0, 5)], experts: [[sel('Г.согл', 0, 5)]] });
  const before = structuredClone(input);
  scorePsr(input);
  assert.deepEqual(input, before);
  assert.equal(input.essay.text, WORDS_TEXT);
});
