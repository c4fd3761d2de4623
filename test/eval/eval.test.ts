import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, defaultDatasetDir } from '../../src/dataset/index.js';
import { createMarkup } from '../../src/markup/index.js';
import {
  answersDirSource,
  compareRuns,
  formatComparison,
  formatRun,
  localScorer,
  markupSource,
  readRun,
  runEval,
} from '../../src/eval/index.js';
import type { EssayScore, RunSummary } from '../../src/eval/index.js';

const MARK_PY = join(import.meta.dirname, 'mark.py');

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-eval-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function commandRun(runsDir: string, env: Record<string, string>, name: string, jobs = 2) {
  const dataset = await Dataset.load(defaultDatasetDir());
  const markup = await createMarkup('command', {
    command: `python3 ${MARK_PY}`,
    env: { ...process.env, ...env },
  });
  return runEval({
    dataset,
    split: 'train',
    subjects: ['rus', 'lit'],
    source: markupSource(markup, 'command'),
    jobs,
    runsDir,
    name,
    toolkit: 'test',
    scorer: localScorer(),
  });
}

test('eval with the demo markup saves answers, scores.jsonl and a summary that reads back', async (t) => {
  const runs = await tempDir(t);
  const dataset = await Dataset.load(defaultDatasetDir());
  const result = await runEval({
    dataset,
    split: 'train',
    source: markupSource(await createMarkup('demo', { demoMaxDelaySec: 0 }), 'demo'),
    runsDir: runs,
    toolkit: 'test',
    scorer: localScorer(),
    now: () => new Date('2026-12-07T03:10:22.123Z'),
  });
  assert.equal(result.dir, join(runs, '2026-12-07T03-10-22Z-demo'));
  const s = result.summary;
  assert.equal(s.complete, true);
  assert.deepEqual(s.counts, { selected: 28, scored: 28, failed: 0, late: 0, notRun: 0 });
  assert.equal(s.subjects.length, 7);
  assert.equal(s.overall.essays, 28);
  // Each of the 28 train essays has 2 or 3 experts: every pair is counted.
  const pairs = result.scores.reduce((n, x) => n + x.experts.length, 0);
  assert.equal(s.overall.pairs, pairs);
  const rus = s.subjects.find((x) => x.subject === 'rus')!;
  assert.deepEqual(
    rus.criteria.map((c) => c.key),
    ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10', 'K11', 'K12'],
  );
  assert.ok(s.worst.length === 10 && s.worst[0]!.MTotal <= s.worst[9]!.MTotal);
  assert.equal((await readdir(join(result.dir, 'answers'))).length, 28);
  const lines = (await readFile(join(result.dir, 'scores.jsonl'), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 28);
  const back = await readRun(result.dir);
  assert.deepEqual(back.summary, JSON.parse(JSON.stringify(s)) as RunSummary);
  assert.deepEqual(back.notes, []);
  assert.match(formatRun(result.dir, s), /STER_AVG \(ceiling\)/);

  // The same answers scored again from the run's answers/ folder give the same figures.
  const again = await runEval({
    dataset,
    split: 'train',
    source: answersDirSource(join(result.dir, 'answers')),
    runsDir: runs,
    toolkit: 'test',
    scorer: localScorer(),
  });
  assert.deepEqual(again.summary.overall, s.overall);
  assert.equal(again.summary.markup.mode, 'answers');
  assert.equal(again.scores[0]!.markupMs, null);
});

test('a command markup failing on some essays: those are listed with the stage and reason, the rest is scored', async (t) => {
  const runs = await tempDir(t);
  const result = await commandRun(runs, { FAIL_IDS: '1000002', GARBAGE_IDS: '1000013' }, 'failing');
  const s = result.summary;
  assert.equal(s.counts.selected, 8);
  assert.equal(s.counts.failed, 2);
  assert.equal(s.counts.scored, 6);
  const crash = s.failures.find((f) => f.id === '1000002')!;
  assert.equal(crash.stage, 'markup');
  assert.match(crash.message, /exit|code 3|crashed/);
  const garbage = s.failures.find((f) => f.id === '1000013')!;
  assert.equal(garbage.stage, 'markup');
  assert.match(garbage.message, /JSON/);
  // The markup's проблема fragment covers the first word; the experts' проблема spans are longer, so it
  // is matched only where PSR accepts the overlap. Either way it is counted once per expert.
  const problem = s.overall.types.find((x) => x.type === 'проблема')!;
  const ours = result.scores.filter((x) => x.status === 'scored').reduce((n, x) => n + x.experts.length, 0);
  assert.equal(problem.matched + problem.spurious, ours);
});

test('Ctrl+C keeps what is done: an incomplete run with notRun, read back with a note', async (t) => {
  const runs = await tempDir(t);
  const dataset = await Dataset.load(defaultDatasetDir());
  const stop = new AbortController();
  const result = await runEval({
    dataset,
    split: 'all',
    source: markupSource(await createMarkup('demo', { demoMaxDelaySec: 0 }), 'demo'),
    runsDir: runs,
    toolkit: 'test',
    scorer: localScorer(),
    signal: stop.signal,
    onProgress: (done) => {
      if (done === 5) stop.abort();
    },
  });
  assert.equal(result.summary.complete, false);
  assert.equal(result.summary.counts.scored, 5);
  assert.equal(result.summary.counts.notRun, 42 - 5);
  const back = await readRun(result.dir);
  assert.match(back.notes.join('\n'), /incomplete run \(interrupted\): 37 of 42 essays were not run/);
});

test('run folders that are killed, cut off or of another version get precise messages', async (t) => {
  const runs = await tempDir(t);
  const result = await commandRun(runs, {}, 'base', 1);
  const summaryFile = join(result.dir, 'summary.json');
  const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as Record<string, unknown>;

  await writeFile(summaryFile, JSON.stringify({ ...summary, version: 0, toolkit: '0.0.1' }));
  await assert.rejects(readRun(result.dir), (error: Error) => {
    assert.equal(error.name, 'RunReadError');
    assert.match(
      error.message,
      /summary\.json: written in run format version 0 \(toolkit 0\.0\.1\); this toolkit reads version 1/,
    );
    return true;
  });

  await rm(summaryFile);
  await writeFile(
    join(result.dir, 'scores.jsonl'),
    `${await readFile(join(result.dir, 'scores.jsonl'), 'utf8')}{"id": "100`,
  );
  const killed = await readRun(result.dir);
  assert.equal(killed.scores.length, 8);
  assert.equal(killed.summary.counts.scored, 8);
  assert.match(killed.notes.join('\n'), /scores\.jsonl:9: not valid JSON/);
  assert.match(killed.notes.join('\n'), /summary\.json: missing .* rebuilt from 8 line\(s\)/);
  await assert.rejects(readRun(join(runs, 'nothing-here')), /not a run folder/);
});

test('eval compare shows deltas per subject, criterion and type and marks what got worse', async (t) => {
  const runs = await tempDir(t);
  const good = await commandRun(runs, {}, 'good');
  const bad = await commandRun(runs, { FAIL_IDS: '1000001,1000002,1000003' }, 'bad');
  const comparison = compareRuns(await readRun(good.dir), await readRun(bad.dir));
  const scored = comparison.overall.find((d) => d.label === 'scored essays')!;
  assert.deepEqual([scored.a, scored.b, scored.delta, scored.worse], [8, 5, -3, true]);
  const failed = comparison.overall.find((d) => d.label === 'failed essays')!;
  assert.equal(failed.worse, true, 'more failures is worse');
  assert.ok(comparison.subjects.some((d) => d.label.startsWith('rus ')));
  assert.ok(comparison.criteria.some((d) => d.label === 'rus K1 mean |ΔK|'));
  const text = formatComparison(comparison);
  assert.match(text, /scored essays\s+8\s+5\s+-3\s+▼ worse/);
  assert.match(text, /figure\(s\) got worse/);
});

test('per-type counts: matched, missed, retyped and spurious from the PSR matching', async () => {
  const { scoreEssay } = await import('../../src/eval/index.js');
  const text = Array.from({ length: 300 }, (_, i) => `слово${i}`).join(' ');
  const meta = { id: '1', subject: 'rus', theme: '', taskText: '' };
  const sel = (start: number, end: number, type: string) => ({
    startSelection: start,
    endSelection: end,
    type,
    subtype: '',
    correction: '',
  });
  const criteria = { K1: 1, K2: 1 };
  const answer = {
    meta,
    text,
    criteria,
    selections: [sel(0, 100, 'Р.повтор'), sel(200, 300, 'Р.лишн'), sel(500, 600, 'проблема')],
  };
  const expert = {
    meta,
    text,
    criteria,
    selections: [sel(0, 100, 'Р.повтор'), sel(200, 300, 'Р.тавт'), sel(1000, 1100, 'пример')],
  };
  const score: EssayScore = scoreEssay({
    ref: { id: '1', name: null, subject: 'rus', split: 'train', words: 300 },
    answer: { file: '1.json', json: JSON.stringify(answer) },
    experts: [{ markupId: '1_exp1', file: '1_exp1.json', json: JSON.stringify(expert) }],
    markupMs: 1,
    late: false,
  });
  assert.equal(score.status, 'scored');
  assert.deepEqual(score.types, {
    'Р.повтор': { matched: 1, missed: 0, retyped: 0, spurious: 0 },
    'Р.тавт': { matched: 0, missed: 1, retyped: 1, spurious: 0 },
    'Р.лишн': { matched: 0, missed: 0, retyped: 0, spurious: 1 },
    проблема: { matched: 0, missed: 0, retyped: 0, spurious: 1 },
    пример: { matched: 0, missed: 1, retyped: 0, spurious: 0 },
  });
  assert.deepEqual(score.criteria, criteria, "the answer's own criteria are used when it has them");
});
