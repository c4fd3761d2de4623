import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { Dataset, defaultDatasetDir, startPlatform } from '../../src/platform/index.js';
import { START_ALGO, connected, essayObject, startTestPlatform, writeDataset } from './helpers.js';

test('the default dataset is <package root>/data/demo', () => {
  const root = join(import.meta.dirname, '..', '..');
  assert.equal(defaultDatasetDir(), join(root, 'data', 'demo'));
  assert.ok(!defaultDatasetDir().endsWith(sep));
});

test('a dataset selects by split and language and reads essays and expert markups', async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-dataset-'));
  ctx.after(() => rm(dir, { recursive: true, force: true }));
  await writeDataset(dir, [
    { id: '11', lang: 'rus', experts: 3 },
    { id: '12', lang: 'eng' },
    { id: '13', split: 'test' },
  ]);
  const dataset = await Dataset.load(dir);
  assert.deepEqual(
    dataset.select('train', 'all').map((e) => e.id),
    ['11', '12'],
  );
  assert.deepEqual(
    dataset.select('train', 'eng').map((e) => e.id),
    ['12'],
  );
  assert.deepEqual(
    dataset.select('test', 'rus').map((e) => e.id),
    ['13'],
  );
  const first = dataset.entries[0];
  assert.ok(first);
  assert.deepEqual(await dataset.essay(first), essayObject({ id: '11' }));
  const experts = await dataset.experts(first);
  assert.deepEqual(
    experts.map((e) => (e.meta as { expert: string }).expert),
    ['exp001', 'exp002', 'exp003'],
  );
});

test('a bad index stops the platform from starting with a message naming the entry', async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-dataset-'));
  ctx.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'index.json'), JSON.stringify([{ id: '../x', split: 'train', lang: 'rus' }]));
  await assert.rejects(startPlatform({ dataDir: join(dir, 'data'), datasetDir: dir }), {
    name: 'DatasetError',
    message: `dataset ${dir}: index.json[0]: id must be a string of digits (got "../x")`,
  });
});

test('a missing dataset directory stops the platform from starting', async () => {
  const dir = join(tmpdir(), 'readable-no-such-dataset-dir');
  await assert.rejects(startPlatform({ dataDir: join(dir, 'data'), datasetDir: dir }), {
    name: 'DatasetError',
  });
});

test('an essay file missing at session start gets session-start-error, and the platform goes on', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  await unlink(join(t.datasetDir, 'train', '1005.json'));
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  // The reply names the essay, not the server's paths (issue 9.11).
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'the platform cannot read its dataset: essay 1005 (train) cannot be read',
  });
  client.emit(ClientEvent.start, { ...START_ALGO, params: { ...START_ALGO.params, lang: 'eng' } });
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
});

test('the shipped dataset gives a 10-file session every subject, taking subjects in turn', async () => {
  const dataset = await Dataset.load(defaultDatasetDir());
  const first = dataset.select('train', 'all').slice(0, 10);
  assert.deepEqual(
    new Set(first.slice(0, 7).map((e) => e.subject)),
    new Set(['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free']),
  );
  const rus = dataset.select('train', 'rus');
  assert.ok(rus.every((e) => e.lang === 'rus'));
  // Within a subject the index order is kept.
  const hist = rus.filter((e) => e.subject === 'hist').map((e) => e.id);
  assert.deepEqual(hist, [...hist].sort());
});
