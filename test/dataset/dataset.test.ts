import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { Essay } from '../../src/essay/index.js';
import { computeCriteria } from '../../src/scoring/criteria/index.js';
import { wordCount } from '../../src/scoring/words.js';
import { DEFAULT_OUT_DIR, buildDataset, checkDataset } from '../../scripts/dataset/build.js';
import { SUBJECTS } from '../../scripts/dataset/catalogue.js';
import type { IndexEntry } from '../../scripts/dataset/render.js';

const ROOT = DEFAULT_OUT_DIR;

interface Shipped {
  rel: string;
  essay: Essay;
  raw: Record<string, unknown>;
}

async function listShipped(): Promise<string[]> {
  const out: string[] = [];
  for (const split of ['train', 'test']) {
    for (const name of await readdir(join(ROOT, split))) out.push(`${split}/${name}`);
  }
  return out.sort();
}

describe('the shipped demo dataset', () => {
  let index: IndexEntry[] = [];
  const shipped: Shipped[] = [];

  before(async () => {
    index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8')) as IndexEntry[];
    for (const rel of await listShipped()) {
      const path = join(ROOT, rel);
      const raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      shipped.push({ rel, essay: await Essay.fromFile(path), raw });
    }
  });

  it('loads every essay and markup file without warnings and passes the strict write rules', () => {
    assert.ok(shipped.length > 0);
    for (const { rel, essay } of shipped) {
      assert.deepEqual(essay.warnings, [], `${rel} has reading warnings`);
      assert.deepEqual(essay.checkForWrite(), [], `${rel} breaks a write rule`);
    }
  });

  it('keeps every selection inside the text, with whole-text remarks at 0..0 and no blank spans', () => {
    for (const { rel, essay } of shipped) {
      for (const sel of essay.selections) {
        const { startSelection: start, endSelection: end } = sel;
        assert.ok(0 <= start && start <= end && end <= essay.text.length, `${rel} selection ${sel.id}`);
        const span = essay.text.slice(start, end);
        if (start === end) assert.equal(start, 0, `${rel} selection ${sel.id} is empty but not 0..0`);
        else assert.equal(span.trim(), span, `${rel} selection ${sel.id} has blank edges`);
      }
    }
  });

  it('has between 150 and 400 words in every essay, as the index says', () => {
    const essays = shipped.filter(({ rel }) => /\/\d{7}\.json$/.test(rel));
    assert.equal(essays.length, index.length);
    for (const { rel, essay } of essays) {
      const words = wordCount(essay.text);
      assert.ok(words >= 150 && words <= 400, `${rel} has ${words} words`);
      const entry = index.find((e) => e.id === essay.meta.id);
      assert.ok(entry, `${rel} is missing from index.json`);
      assert.equal(entry.words, words);
      assert.equal(entry.subject, essay.meta.subject);
      assert.equal(rel.startsWith(`${entry.split}/`), true);
      assert.equal(entry.lang, entry.subject === 'eng' || entry.subject === 'eng-free' ? 'eng' : 'rus');
      assert.deepEqual(essay.selections.length, 0, `${rel}: the essay file carries no markup`);
    }
  });

  it('covers all seven subjects with at least five essays each and both splits', () => {
    const present = new Set(index.map((e) => e.subject));
    for (const subject of present) {
      const essays = index.filter((e) => e.subject === subject);
      assert.ok(essays.length >= 5, `${subject} has only ${essays.length} essays`);
      assert.ok(
        essays.some((e) => e.split === 'train'),
        `${subject} has no train essay`,
      );
      assert.ok(
        essays.some((e) => e.split === 'test'),
        `${subject} has no test essay`,
      );
    }
    assert.deepEqual([...present].sort(), [...SUBJECTS].sort(), 'not every subject is present yet');
    assert.ok(index.length >= 35);
  });

  it('gives every essay two or three expert markups of the same text, the third one flagged', () => {
    for (const entry of index) {
      const essay = shipped.find((s) => s.rel === `${entry.split}/${entry.id}.json`);
      assert.ok(essay);
      const markups = shipped.filter((s) => s.rel.startsWith(`${entry.split}/${entry.id}_exp`));
      assert.equal(markups.length, entry.experts);
      assert.ok(entry.experts === 2 || entry.experts === 3);
      markups.forEach(({ rel, essay: markup, raw }, i) => {
        assert.equal(rel, `${entry.split}/${entry.id}_exp${i + 1}.json`);
        assert.equal(markup.text, essay.essay.text);
        assert.equal(markup.meta.expert, `exp00${i + 1}`);
        assert.equal((raw.meta as { third?: unknown }).third, i === 2);
        assert.equal((raw.meta as { uuid?: unknown }).uuid, (essay.raw.meta as { uuid?: unknown }).uuid);
        assert.ok(markup.selections.length >= 5 && markup.selections.length <= 20, `${rel} selection count`);
      });
    }
  });

  it('gives part A experts the criteria that the official rules compute from their own selections', () => {
    const partA = shipped.filter(({ rel }) => /\/1\d{6}_exp\d\.json$/.test(rel));
    assert.equal(partA.length > 0, true);
    for (const { rel, raw } of partA) {
      const computed = computeCriteria(raw);
      assert.deepEqual(raw.criteria, computed.criteria, `${rel} criteria`);
    }
  });

  it('is up to date: rendering the sources again gives these files, byte for byte', async () => {
    assert.deepEqual(await checkDataset(ROOT), []);
  });
});

describe('the dataset builder', () => {
  async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'readable-dataset-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('writes the same bytes on every run and removes stale files', async (t) => {
    const dir = await tempDir(t);
    await buildDataset(dir);
    const first = new Map<string, string>();
    for (const split of ['train', 'test']) {
      for (const name of await readdir(join(dir, split))) {
        first.set(`${split}/${name}`, await readFile(join(dir, split, name), 'utf8'));
      }
    }
    await writeFile(join(dir, 'train', '9999999.json'), '{}');
    await buildDataset(dir);
    const again = await readdir(join(dir, 'train'));
    assert.equal(again.includes('9999999.json'), false);
    for (const [rel, content] of first) {
      assert.equal(await readFile(join(dir, rel), 'utf8'), content, rel);
      assert.equal(await readFile(join(ROOT, rel), 'utf8'), content, `${rel} in data/demo`);
    }
  });

  it('check names a wrong offset, a hand-edited, a missing and a stale file', async (t) => {
    const dir = await tempDir(t);
    await cp(ROOT, dir, { recursive: true });
    const rel = 'train/1000001_exp1.json';
    const markup = JSON.parse(await readFile(join(dir, rel), 'utf8')) as {
      selections: { startSelection: number; endSelection: number }[];
    };
    const first = markup.selections[0];
    assert.ok(first);
    assert.deepEqual([first.startSelection, first.endSelection], [0, 42]);
    first.endSelection = 41;
    await writeFile(join(dir, rel), `${JSON.stringify(markup, null, 2)}\n`);
    const essay = await readFile(join(dir, 'train/1000002.json'), 'utf8');
    await writeFile(join(dir, 'train/1000002.json'), essay.replace('"year": 2021', '"year": 2022'));
    await rm(join(dir, 'test/2000018_exp2.json'));
    await writeFile(join(dir, 'test/9999999.json'), '{}');

    const problems = await checkDataset(dir);
    assert.deepEqual(problems, [
      'test/9999999.json: not produced by the sources (a stale or hand-made file)',
      'train/1000001_exp1.json: differs from a fresh render',
      'train/1000001_exp1.json: selection 1001 (#0): offsets 0..41 select "Какую роль играет чтение в жизни человека", ' +
        'the source quotes "Какую роль играет чтение в жизни человека?" at 0..42',
      'train/1000002.json: differs from a fresh render',
      'test/2000018_exp2.json: missing',
    ]);
  });
});
