import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, checkDataset, defaultDatasetDir, importDataset } from '../../src/dataset/index.js';
import type { DatasetProblem } from '../../src/dataset/index.js';

type Json = Record<string, unknown>;
const demo = defaultDatasetDir();
const readDemo = async (name: string): Promise<Json> =>
  JSON.parse(await readFile(join(demo, 'train', `${name}.json`), 'utf8')) as Json;
const put = async (file: string, value: unknown): Promise<void> => {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
};
const tempDir = async (t: { after(fn: () => Promise<void>): void }): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-import-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
};
const find = (problems: DatasetProblem[], file: string, pattern: RegExp): DatasetProblem | undefined =>
  problems.find((p) => p.file.endsWith(file) && pattern.test(p.message));

test('a folder of {name}.json + {name}_exp{N}.json imports the valid essays and lists every problem', async (t) => {
  const dir = await tempDir(t);
  const src = join(dir, 'src');
  const out = join(dir, 'out');
  const essay = await readDemo('1000001');
  const exp1 = await readDemo('1000001_exp1');
  const exp2 = await readDemo('1000001_exp2');
  await put(join(src, 'good-one.json'), essay);
  await put(join(src, 'good-one_exp1.json'), exp1);
  await put(join(src, 'good-one_exp2.json'), exp2);
  await put(join(src, '1000002.json'), await readDemo('1000002'));
  await put(join(src, '1000002_exp1.json'), await readDemo('1000002_exp1'));
  // Broken JSON in one expert: the essay keeps its other expert.
  await put(join(src, 'broken.json'), essay);
  await put(join(src, 'broken_exp1.json'), '{\n  "meta": {\n    "id": 1,,\n');
  await put(join(src, 'broken_exp2.json'), exp2);
  // No experts at all.
  await put(join(src, 'lonely.json'), essay);
  // An expert whose text differs from the essay's.
  await put(join(src, 'drift.json'), essay);
  await put(join(src, 'drift_exp1.json'), { ...exp1, text: `${String(exp1.text)} extra` });
  // The same name in another folder.
  await put(join(src, 'more', 'good-one.json'), essay);
  // Mixed subjects under one name.
  await put(join(src, 'mixed.json'), essay);
  await put(join(src, 'mixed_exp1.json'), { ...exp1, meta: { ...(exp1.meta as Json), subject: 'lit' } });

  const result = await importDataset(src, out);
  assert.equal(result.layout, 'files');
  const byName = new Map(result.entries.map((e) => [e.name ?? e.id, e]));
  assert.deepEqual([...byName.keys()].sort(), ['1000002', 'broken', 'drift', 'good-one', 'lonely']);
  assert.equal(byName.get('1000002')!.id, '1000002', 'numeric names keep their id');
  assert.equal(byName.get('broken')!.experts, 1);
  assert.equal(byName.get('lonely')!.experts, 0);
  assert.equal(byName.get('drift')!.experts, 0);
  assert.match(byName.get('good-one')!.id, /^\d+$/);

  const p = result.problems;
  assert.ok(find(p, 'broken_exp1.json', /^3:\d+: not valid JSON/), 'broken JSON names line and column');
  assert.ok(find(p, 'lonely.json', /no expert markups/));
  const drift = find(p, 'drift_exp1.json', /differs from the essay's text/);
  assert.equal(drift?.path, 'text');
  assert.equal(drift?.severity, 'error');
  const dup = find(p, join('more', 'good-one.json'), /duplicate name "good-one"/);
  assert.ok(dup, 'duplicate names are reported on the later file');
  const mixed = find(p, 'mixed_exp1.json', /mixed subjects/);
  assert.equal(mixed?.path, 'meta.subject');
  assert.equal(result.skipped, 1, 'only the mixed-subject essay is left out');

  // The output is a dataset the platform reads, with the names kept.
  const dataset = await Dataset.load(out);
  const good = dataset.entries.find((e) => e.name === 'good-one')!;
  assert.equal(Dataset.label(good), `${good.id} (good-one)`);
  const ids = JSON.parse(await readFile(join(out, 'ids.json'), 'utf8')) as Json;
  assert.equal(ids[good.id], 'good-one');
  assert.equal(ids['1000002'], undefined);
  assert.equal((await dataset.essay(good)).text, essay.text);
  assert.equal((await dataset.experts(good)).length, 2);
  const checked = await checkDataset(out);
  assert.deepEqual(
    checked.problems.filter((x) => x.severity === 'error'),
    [],
  );
  assert.equal(checked.stats.essays, 5);
  assert.equal(checked.usable, 3);
});

test('organisers PSR envelopes import with experts only, split by folder, bad markups named by JSON path', async (t) => {
  const dir = await tempDir(t);
  const src = join(dir, 'src');
  const out = join(dir, 'out');
  const essay = await readDemo('1000003');
  const exps = await Promise.all([1, 2, 3].map((n) => readDemo(`1000003_exp${n}`)));
  const markup = (e: Json, id: string, isExpert: boolean): Json => ({
    id,
    isExpert,
    criteria: e.criteria,
    selections: e.selections,
  });
  const envelope = (id: string): Json => ({
    essay: {
      id,
      meta: essay.meta,
      text: essay.text,
      markups: [
        markup(exps[0]!, 'participant', false),
        markup(exps[1]!, 'exp-a', true),
        markup(exps[2]!, 'exp-b', true),
      ],
    },
  });
  await put(join(src, 'train', 'a.json'), envelope('uuid-a'));
  const bad = envelope('uuid-b') as { essay: { markups: Json[] } };
  bad.essay.markups[2] = {
    ...bad.essay.markups[2],
    selections: [{ startSelection: 0, endSelection: 3, type: null }],
  };
  await put(join(src, 'test', 'b.json'), bad);
  await put(join(src, 'train', 'z.json'), envelope('uuid-a'));

  const result = await importDataset(src, out);
  assert.equal(result.layout, 'envelopes');
  assert.equal(result.participantMarkups, 2);
  assert.deepEqual(result.entries.map((e) => [e.name, e.split, e.experts]).sort(), [
    ['uuid-a', 'train', 2],
    ['uuid-b', 'test', 1],
  ]);
  const typeProblem = find(result.problems, 'b.json', /non-empty markup code/);
  assert.equal(typeProblem?.path, 'essay.markups[2].selections[0].type');
  assert.ok(find(result.problems, 'z.json', /duplicate name "uuid-a"/));
  const dataset = await Dataset.load(out);
  const a = dataset.entries.find((e) => e.name === 'uuid-a')!;
  const meta = (await dataset.essay(a)).meta as Json;
  assert.equal(meta.id, a.id);
  assert.equal(meta.uuid, (essay.meta as Json).uuid, 'the essay uuid (M7 key) is kept');
});

test('our own layout re-imports unchanged in ids, splits and expert counts; check reports index drift', async (t) => {
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  const result = await importDataset(demo, out);
  assert.equal(result.layout, 'ours');
  assert.deepEqual(result.problems, []);
  const original = await Dataset.load(demo);
  const copy = await Dataset.load(out);
  assert.deepEqual(
    copy.entries.map((e) => [e.id, e.split, e.subject, e.experts, e.words]),
    original.entries.map((e) => [e.id, e.split, e.subject, e.experts, e.words]),
  );
  // Now damage the copy: a wrong subject in the index and a stray file.
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as Json[];
  index[0]!.subject = 'lit';
  await writeFile(join(out, 'index.json'), JSON.stringify(index));
  await writeFile(join(out, 'train', '999.json'), '{}');
  const checked = await checkDataset(out);
  const subject = checked.problems.find((p) => p.path === '[0].subject');
  assert.match(subject?.message ?? '', /"lit" but .* says "rus"/);
  assert.ok(checked.problems.some((p) => p.file.endsWith('999.json') && /not listed/.test(p.message)));
  await assert.rejects(importDataset(demo, out), /not empty/);
});
