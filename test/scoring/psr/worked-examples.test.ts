// scoring.md §6.2 and §6.6, rebuilt on our own essays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadM7Tables, scorePsr } from '../../../src/scoring/psr/index.js';
import type { PsrMetrics } from '../../../src/scoring/psr/index.js';
import { scorePsrFiles } from '../../../src/scoring/input/index.js';
import { essayInput, sel } from './fixtures.js';
import { ENG_TEXT, expertOnlySelection, sharedSelections } from './eng-essay.js';

function participantPairs(input: ReturnType<typeof essayInput>): PsrMetrics[] {
  const part = scorePsr(input).markups.find((m) => !m.isExp)!;
  return part.matching.map((m) => m.metrics);
}

test('§6.6: Р.повтор [10,100] against [0,100] matches (J 0.1, L 1.1), M5 = 13/14 and MTotal 98.57', () => {
  const metrics = participantPairs(
    essayInput({
      participant: [sel('Р.повтор', 10, 100)],
      experts: [[sel('Р.повтор', 0, 100)], [sel('Р.повтор', 0, 100)]],
    }),
  );
  for (const m of metrics) {
    assert.equal(m.M5, 92.86);
    assert.equal(m.M4, 0); // no non-empty subtype on either side
    assert.equal(m.MTotal, 98.57);
  }
});

test('§6.6: Р.повтор against Р.лишн on the same span matches with L = 1, M3 = 0, MTotal 80', () => {
  const metrics = participantPairs(
    essayInput({
      participant: [sel('Р.повтор', 10, 100)],
      experts: [[sel('Р.лишн', 10, 100)], [sel('Р.лишн', 10, 100)]],
    }),
  );
  assert.deepEqual(
    metrics.map((m) => [m.M2, m.M3, m.MTotal]),
    [
      [100, 0, 80],
      [100, 0, 80],
    ],
  );
});

test('§6.6: ПРОБЛЕМА against Р.лишн on the same span does not match (L = 5), MTotal 20', () => {
  const metrics = participantPairs(
    essayInput({
      participant: [sel('ПРОБЛЕМА', 10, 100)],
      experts: [[sel('Р.лишн', 10, 100)], [sel('Р.лишн', 10, 100)]],
    }),
  );
  assert.deepEqual(
    metrics.map((m) => [m.M2, m.MTotal]),
    [
      [0, 20],
      [0, 20],
    ],
  );
});

test('§6.6: one-to-many, [0,100] against [0,80] and [0,85] gives count 2, M2 100, M5 85.71, MTotal 97.14', () => {
  const expert = [sel('Р.повтор', 0, 80), sel('Р.повтор', 0, 85)];
  const metrics = participantPairs(
    essayInput({ participant: [sel('Р.повтор', 0, 100)], experts: [expert, expert] }),
  );
  for (const m of metrics) assert.deepEqual([m.M2, m.M5, m.MTotal], [100, 85.71, 97.14]);
});

test('§6.6: the exact-pass offset lets ПРОБЛЕМА match Г.согл after two exact pairs: M3 66.67, MTotal 93.33', () => {
  const x = [sel('Р.повтор', 0, 10), sel('Р.лишн', 20, 30), sel('ПРОБЛЕМА', 100, 200)];
  const y = [sel('Р.повтор', 0, 10), sel('Р.лишн', 20, 30), sel('Г.согл', 100, 200)];
  for (const m of participantPairs(essayInput({ participant: x, experts: [y, y] })))
    assert.deepEqual([m.M2, m.M3, m.MTotal], [100, 66.67, 93.33]);
  const alone = participantPairs(essayInput({ participant: [x[2]!], experts: [[y[2]!], [y[2]!]] }));
  for (const m of alone) assert.equal(m.M2, 0);
});

test('§6.6: an essay in excludedDoubles counts M7: participant 110.92 (M7 65.5, divisor 6), experts 116.67', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'psr-m7-'));
  try {
    await writeFile(
      join(dir, 'eng_final_m7_AVG.json'),
      JSON.stringify([{ mk_uuid: 'mk-part-0001', mark: 65.5 }]),
    );
    await writeFile(
      join(dir, 'exper_m7_markup_100.json'),
      JSON.stringify([
        { source_file_public_id: 'essay-m7', mk_uuid: 'mk-exp-0001', mark: 100 },
        { source_file_public_id: 'essay-m7', mk_uuid: 'mk-exp-0002', mark: 100 },
      ]),
    );
    await writeFile(join(dir, 'excludedDoubles.json'), JSON.stringify(['essay-m7']));
    const m7Tables = await loadM7Tables(dir);
    const selections = [
      sel('Р.повтор', 10, 100, { subtype: 'повт' }),
      sel('Г.согл', 120, 140, { subtype: 'согл' }),
    ];
    const input = essayInput({
      id: 'essay-m7',
      subject: 'eng',
      participant: selections,
      experts: [selections, selections],
      ids: { participant: 'mk-part-0001', experts: ['mk-exp-0001', 'mk-exp-0002'] },
    });
    const r = scorePsr(input, { m7Tables });
    const [part, e1, e2] = r.markups;
    assert.deepEqual(
      part!.matching.map((m) => [m.metrics.M7, m.metrics.MTotal]),
      [
        [65.5, 110.92],
        [65.5, 110.92],
      ],
    );
    assert.deepEqual([e1!.matching[0]!.metrics.M7, e1!.matching[0]!.metrics.MTotal], [100, 116.67]);
    assert.equal(e2!.STER, 116.67);
    // Without the tables the same essay scores 120 everywhere.
    assert.equal(scorePsr(input).markups[0]!.STAR, 120);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('§6.2: eng essay, 13 shared fragments and one expert-only: MTotal 110.66, STER 120, OTAR 92.22', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'psr-ex2-'));
  try {
    const meta = (expert: string) => ({
      id: '7000001',
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      subject: 'eng',
      theme: 'Summer jobs',
      taskText: '',
      expert,
    });
    const file = (expert: string, selections: unknown[], criteria: Record<string, number>) =>
      JSON.stringify({ meta: meta(expert), text: ENG_TEXT, selections, criteria });
    const expertCriteria = { K1: 0, K2: 2, K3: 1.5, K4: 1, K5: 1 };
    await writeFile(
      join(dir, 'ex2.json'),
      file('', sharedSelections(), { K1: 0, K2: 0, K3: 0, K4: 0, K5: 0 }),
    );
    for (const n of [1, 2])
      await writeFile(
        join(dir, `ex2_exp${n}.json`),
        file(`exp00${n}`, [...sharedSelections(), expertOnlySelection()], expertCriteria),
      );
    const scored = await scorePsrFiles(join(dir, 'ex2.json'), [
      join(dir, 'ex2_exp1.json'),
      join(dir, 'ex2_exp2.json'),
    ]);
    assert.equal(scored.mode, 'normal');
    if (scored.mode !== 'normal') return;
    const r = scored.result;
    assert.equal(r.essayId, 'c0ffee00-0000-4000-8000-000000000001');
    const [part, e1, e2] = r.markups;
    const expected = { M1: 60.71, M2: 96.3, M3: 100, M4: 100, M5: 100, M6: 100, M7: 0, MTotal: 110.66 };
    assert.deepEqual(
      part!.matching.map((m) => m.markupId),
      ['ex2_exp1', 'ex2_exp2'],
    );
    for (const m of part!.matching) assert.deepEqual(m.metrics, expected);
    assert.equal(e1!.matching[0]!.metrics.MTotal, 120);
    assert.equal(e2!.matching[0]!.metrics.MTotal, 120);
    assert.deepEqual(
      r.markups.map((m) => [m.id, m.STAR, m.STER, m.OTAR, m.isExp]),
      [
        ['ex2', 110.66, 0, 92.22, false],
        ['ex2_exp1', 0, 120, 0, true],
        ['ex2_exp2', 0, 120, 0, true],
      ],
    );
    assert.equal(r.STER_AVG, 120);
    assert.deepEqual(r.notes, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
