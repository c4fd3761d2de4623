import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Essay, Meta } from '../../src/essay/index.js';
import { cleanEssay, fixture } from './helpers.js';

test('a clean file serialises back to the same data', async () => {
  for (const name of ['hist-ru.json', 'eng.json']) {
    const json = await readFile(fixture(name), 'utf8');
    const essay = Essay.fromJSON(json, { source: name });
    assert.deepEqual(essay.warnings, [], name);
    assert.deepEqual(essay.toJSON(), JSON.parse(json), name);
    assert.deepEqual(JSON.parse(essay.toString()), JSON.parse(json), name);
  }
});

test('unknown keys survive at the essay, meta and selection level', async () => {
  const essay = await Essay.fromFile(fixture('eng.json'));
  assert.equal(essay.extra.markupVersion, 2);
  assert.equal(essay.meta.extra.topic, 'education');
  assert.equal(essay.selections.at(2)?.extra.timeMarkup, 1712);
  const data = essay.toJSON();
  assert.equal(data.markupVersion, 2);
  assert.equal(data.meta.topic, 'education');
  assert.equal(data.selections[2]?.timeMarkup, 1712);
});

test('nested unknown values round-trip unchanged', () => {
  const raw = cleanEssay();
  raw.history = [{ at: '2024-01-01', by: { name: 'эксперт' } }];
  (raw.meta as Record<string, unknown>).color = null;
  const essay = Essay.fromJSON(JSON.stringify(raw));
  assert.deepEqual(essay.toJSON(), raw);
});

test('the school grade stays under the class key', () => {
  const raw = cleanEssay();
  (raw.meta as Record<string, unknown>).class = '11';
  const essay = Essay.fromObject(raw);
  assert.equal(essay.meta.class, '11');
  assert.equal(essay.toJSON().meta.class, '11');
  assert.match(essay.toString(), /"class": "11"/);
});

test('a normalised class and year are written back in their proper types', async () => {
  const essay = await Essay.fromFile(fixture('lenient-hist.json'));
  const meta = essay.toJSON().meta;
  assert.equal(meta.class, '11');
  assert.equal(meta.year, 2017);
  assert.equal(meta.grade, '11');
  assert.equal(meta.timeMarkup, 35);
  assert.deepEqual(essay.toJSON().criteria, { K1: 1, K2: 2, K3: 0.5 });
});

test('fromObject copies its input', () => {
  const raw = cleanEssay();
  raw.extraBlock = { list: [1] };
  const essay = Essay.fromObject(raw);
  (raw.extraBlock as { list: number[] }).list.push(2);
  (raw.meta as Record<string, unknown>).id = 'changed';
  assert.deepEqual(essay.extra.extraBlock, { list: [1] });
  assert.equal(essay.meta.id, '0000078');
});

test('a clone is independent of the original', async () => {
  const original = await Essay.fromFile(fixture('eng.json'));
  const copy = original.clone();
  assert.deepEqual(copy.toJSON(), original.toJSON());
  assert.deepEqual(copy.warnings, original.warnings);

  copy.meta.theme = 'Another theme';
  (copy.meta.extra as { topic: string }).topic = 'changed';
  copy.selections.at(0)!.endSelection = 5;
  copy.selections.add({ startSelection: 0, endSelection: 4, type: 'Л.слов', group: 'error' });
  copy.criteria!.K1 = 0;
  (copy.extra as { markupVersion: number }).markupVersion = 3;

  assert.equal(original.meta.theme, 'Online courses or school?');
  assert.equal(original.meta.extra.topic, 'education');
  assert.notEqual(original.selections.at(0)?.endSelection, 5);
  assert.equal(original.selections.length, 3);
  assert.equal(original.criteria?.K1, 3);
  assert.equal(original.extra.markupVersion, 2);
});

test('fromText builds an empty markup that is ready to write', () => {
  const text = 'Some people believe that students should study at home with online courses.';
  const essay = Essay.fromText(text, { id: '0000211', subject: 'eng' });
  assert.equal(essay.text, text);
  assert.equal(essay.selections.length, 0);
  assert.equal(essay.meta.theme, '');
  assert.deepEqual(essay.warnings, []);
  assert.deepEqual(essay.toJSON(), {
    meta: { id: '0000211', subject: 'eng', theme: '', taskText: '' },
    text,
    selections: [],
  });
  assert.deepEqual(essay.checkForWrite(), []);
});

test('fromText accepts a Meta and keeps its unknown keys', () => {
  const meta = new Meta({ id: '0000078', subject: 'hist', theme: 'Тема', taskText: '', topic: 'история' });
  const essay = Essay.fromText('Текст сочинения, достаточно длинный для схемы организаторов.', meta);
  assert.equal(essay.meta.extra.topic, 'история');
  assert.equal(essay.meta.theme, 'Тема');
});

test('meta.isExpert follows the expert field', async () => {
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  assert.equal(essay.meta.isExpert, false);
  essay.meta.expert = 'exp001';
  assert.equal(essay.meta.isExpert, true);
});

test('toString is two-space JSON that reads back to the same essay', async () => {
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  const text = essay.toString();
  assert.match(text, /^\{\n {2}"meta": \{\n {4}"id": "0000078"/);
  assert.deepEqual(Essay.fromJSON(text).toJSON(), essay.toJSON());
});

test('fromObject given an essay returns an independent copy', async () => {
  const essay = await Essay.fromFile(fixture('eng.json'));
  const copy = Essay.fromObject(essay);
  assert.notEqual(copy, essay);
  assert.deepEqual(copy.toJSON(), essay.toJSON());
});
