// Nomination mode, scoring.md §4.7 and the rules of §6.4, on essays of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PsrError, scoreNomination } from '../../../src/scoring/psr/index.js';
import { essayInput, sel } from './fixtures.js';

test('only rus, social, hist and lit are accepted, with the official message kept for reference', () => {
  assert.throws(
    () => scoreNomination(essayInput({ subject: 'eng', participant: [], experts: [[]] })),
    (e: unknown) =>
      e instanceof PsrError &&
      e.code === 'nomination-subject' &&
      /not "eng"/.test(e.message) &&
      e.context.officialMessage?.endsWith('- eng') === true,
  );
});

test('logic keeps the Л.* fragments and structure the blocks; MTotal = (2·M2+M3+M4+M5)/4', () => {
  const p = [sel('Л.скачок', 0, 10), sel('проблема', 20, 60), sel('Г.согл', 70, 80)];
  const e = [sel('л.скачок', 0, 10), sel('ПРОБЛЕМА', 20, 60), sel('Р.лишн', 90, 100)];
  const [logic, structure] = scoreNomination(essayInput({ participant: p, experts: [e, e] }));
  for (const r of [logic!, structure!]) {
    assert.ok('id' in r.markup);
    if (!('id' in r.markup)) return;
    assert.equal(r.markup.STAR, 100);
    assert.deepEqual(r.markup.matching[0]!.metrics, {
      M1: 0,
      M2: 100,
      M3: 100,
      M4: 0,
      M5: 100,
      M6: 0,
      M7: 0,
      MTotal: 100,
    });
  }
  assert.deepEqual([logic!.type, structure!.type, logic!.essayId], ['logic', 'structure', 'essay-0001']);
});

test('identical markups with subtypes reach 125, and an empty side gives 0 (both empty too)', () => {
  const s = [sel('О.рассужд', 0, 30, { subtype: 'x' }), sel('идея', 40, 90, { subtype: 'y' })];
  const [logic, structure] = scoreNomination(essayInput({ subject: 'social', participant: s, experts: [s] }));
  assert.equal('id' in logic!.markup && logic!.markup.STAR, 125);
  assert.equal('id' in structure!.markup && structure!.markup.STAR, 125);
  const empty = scoreNomination(essayInput({ subject: 'social', participant: [], experts: [[]] }));
  assert.deepEqual(
    empty.map((r) => 'id' in r.markup && r.markup.matching[0]!.metrics.MTotal),
    [0, 0],
  );
});

test('only the participant is scored; without one the markup is {}', () => {
  const s = [sel('аргумент', 0, 30)];
  const two = [sel('аргумент', 0, 30), sel('аргумент', 100, 150)];
  const [, structure] = scoreNomination(essayInput({ subject: 'lit', participant: s, experts: [two, two] }));
  assert.ok('id' in structure!.markup);
  if (!('id' in structure!.markup)) return;
  assert.equal(structure!.markup.id, 'part');
  assert.equal(structure!.markup.matching.length, 2);
  const m = structure!.markup.matching[0]!.metrics;
  assert.deepEqual([m.M2, m.M3, m.M4, m.M5], [66.67, 100, 0, 100]);
  assert.equal(m.MTotal, 83.33); // (2·2/3 + 1 + 0 + 1) / 4

  const none = scoreNomination(essayInput({ subject: 'lit', participant: null, experts: [s, s] }));
  assert.deepEqual(
    none.map((r) => r.markup),
    [{}, {}],
  );
});

test('nomination never changes the caller’s selections', () => {
  const input = essayInput({ participant: [sel('Г.согл', 0, 5), sel('проблема', 10, 40)], experts: [[]] });
  const before = structuredClone(input);
  scoreNomination(input);
  assert.deepEqual(input, before);
});
