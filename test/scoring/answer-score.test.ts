import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { scoreAnswer, scoreSession } from '../../src/scoring/index.js';

const load = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(new URL(`../../data/demo/train/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

test('an answer identical to the first expert scores 120 against that expert', async () => {
  const [exp1, exp2] = await Promise.all([load('1000001_exp1.json'), load('1000001_exp2.json')]);
  const meta = { ...(exp1.meta as Record<string, unknown>), expert: '' };
  const score = scoreAnswer({ ...exp1, meta }, [exp1, exp2]);
  assert.equal(score.matching.length, 2);
  assert.deepEqual(score.matching[0], { expert: '1000001_exp1', MTotal: 120 });
  assert.equal(score.criteriaMax, 24);
  assert.ok(score.STAR !== null && score.STAR > 0);
});

test('an unmarked answer gets criteria computed from its (empty) selections and a low STAR', async () => {
  const [essay, exp1, exp2] = await Promise.all([
    load('1000001.json'),
    load('1000001_exp1.json'),
    load('1000001_exp2.json'),
  ]);
  const score = scoreAnswer(essay, [exp1, exp2]);
  // rus, empty markup, ≥150 words: only K5..K12 score (scoring.md §6.5) = 16.
  assert.equal(score.criteriaTotal, 16);
  assert.ok(score.STAR !== null && score.STAR < 120);
});

test('session totals average only the files that were scored', () => {
  const a = {
    criteria: {},
    criteriaTotal: 0,
    criteriaMax: 24,
    STAR: 100,
    OTAR: 90,
    STER_AVG: 110,
    matching: [
      { expert: 'e1', MTotal: 100 },
      { expert: 'e2', MTotal: 50 },
    ],
  };
  const b = { ...a, STAR: 50, OTAR: null, matching: [{ expert: 'e1', MTotal: 30 }] };
  assert.deepEqual(scoreSession([{ score: a }, { score: b }, {}, { score: 'broken' }]), {
    scored: 2,
    meanMTotal: 60,
    meanSTAR: 75,
    meanOTAR: 90,
  });
  assert.deepEqual(scoreSession([]), { scored: 0, meanMTotal: null, meanSTAR: null, meanOTAR: null });
});
