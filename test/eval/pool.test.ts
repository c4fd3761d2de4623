import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dataset, defaultDatasetDir } from '../../src/dataset/index.js';
import { createScorePool, localScorer } from '../../src/eval/index.js';
import type { ScoreEssayInput } from '../../src/eval/index.js';
import { createM7Tables } from '../../src/scoring/psr/index.js';

test('the worker-thread pool scores exactly as the in-thread scorer, M7 tables included', async (t) => {
  const dataset = await Dataset.load(defaultDatasetDir());
  const inputs: ScoreEssayInput[] = [];
  for (const e of dataset.entries) {
    const experts = await dataset.expertFiles(e);
    const answer = experts.at(-1)!.value;
    inputs.push({
      ref: { id: e.id, name: null, subject: e.subject, split: e.split, words: e.words },
      answer: { file: `${e.id}.json`, json: JSON.stringify(answer) },
      experts: experts
        .slice(0, -1)
        .map((x) => ({ markupId: x.markupId, file: x.file, json: JSON.stringify(x.value) })),
      markupMs: 5,
      late: false,
    });
  }
  // One answer that cannot be scored: the failure comes back as a failed line, not a rejection.
  inputs.push({ ...inputs[0]!, answer: { file: 'bad.json', json: '{"meta":' } });
  const uuid = (JSON.parse(inputs[0]!.answer.json) as { meta: { uuid: string } }).meta.uuid;
  const m7Tables = createM7Tables({ excluded: [uuid], expert: [{ mk_uuid: '1000001_exp1', mark: 70 }] });
  const pool = createScorePool(2, { m7Tables, compat: 'official' });
  t.after(() => pool.close());
  const pooled = await pool.scoreAll(inputs);
  const single = await Promise.all(inputs.map(localScorer({ m7Tables, compat: 'official' })));
  assert.deepEqual(pooled, single);
  assert.equal(pooled.at(-1)!.status, 'failed');
  assert.equal(pooled.at(-1)!.failure?.stage, 'check');
  assert.deepEqual(await pool.scorer(inputs[3]!), single[3]);
});
