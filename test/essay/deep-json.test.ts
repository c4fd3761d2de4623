// Issue 9.9: a pushed essay of any depth is saved faithfully; lone surrogates survive the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeLoneSurrogates, stringifyDeep } from '../../src/essay/index.js';
import { walk } from '../../src/essay/deep-json.js';
import { readIncoming } from '../../src/session/read-incoming.js';

function nested(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { k: value } : [value];
  return value;
}

test('the walk writes exactly what JSON.stringify writes, for any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      assert.equal(walk(value), JSON.stringify(value));
    }),
    { seed: 9009, numRuns: 500 },
  );
  const odd = { a: undefined, b: () => 1, c: [undefined, NaN, Infinity], d: new Date(0), e: '\ud800x' };
  assert.equal(walk(odd), JSON.stringify(odd));
  assert.equal(walk(undefined), undefined);
});

test('100 000 levels of nesting are serialised whole, not as [object Object]', () => {
  const value = { meta: { id: '1' }, text: 'abc', selections: [], deep: nested(100_000, 'bottom') };
  assert.throws(() => JSON.stringify(value), RangeError);
  const text = stringifyDeep(value) ?? '';
  assert.ok(text.length > 400_000, `only ${text.length} characters`);
  assert.ok(text.startsWith('{"meta":{"id":"1"},"text":"abc","selections":[],"deep":[{"k":[{"k":[{'));
  assert.ok(text.includes('[{"k":"bottom"}]}]'));
  // Read back without recursion: the bottom is still there, 100 000 levels down.
  let back: unknown = (JSON.parse(text) as { deep: unknown }).deep;
  for (let i = 0; i < 100_000; i++) back = i % 2 === 0 ? (back as unknown[])[0] : (back as { k: unknown }).k;
  assert.equal(back, 'bottom');
});

test('a circular value is a TypeError, as with JSON.stringify', () => {
  const a: Record<string, unknown> = {};
  a.self = a;
  assert.throws(() => walk({ x: nested(10, a) }), TypeError);
});

test('lone surrogates in JSON text are escaped, so a UTF-8 file gives the same string back', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-surrogates-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const pushedText = `a\ud800b\udc00c😀d\udbff`;
  const raw = `{"meta":{"id":"1","subject":"rus"},"text":${JSON.stringify(pushedText).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))},"selections":[]}`;
  assert.ok(raw.includes('\ud800'), 'the test JSON carries a raw lone surrogate');
  const path = join(dir, 'x.json');
  await writeFile(path, raw);
  assert.notEqual(
    (JSON.parse(await readFile(path, 'utf8')) as { text: string }).text,
    pushedText,
    'raw: U+FFFD',
  );
  await writeFile(path, escapeLoneSurrogates(raw));
  assert.equal((JSON.parse(await readFile(path, 'utf8')) as { text: string }).text, pushedText);
});

test('readIncoming: the text to save keeps deep content and lone surrogates', () => {
  const text = 'Текст\ud800 с одиноким суррогатом';
  const asObject = { meta: { id: '5', subject: 'rus' }, text, selections: [] };
  const fromObject = readIncoming(asObject, '5');
  assert.equal((JSON.parse(fromObject.text) as { text: string }).text, text);
  assert.equal(fromObject.essay?.text, text);
  const wire = JSON.stringify(asObject).replace('\\ud800', '\ud800');
  const fromString = readIncoming(wire, '5');
  assert.doesNotMatch(fromString.text, /[\ud800-\udfff]/);
  assert.equal((JSON.parse(fromString.text) as { text: string }).text, text);
  const deep = readIncoming(
    { meta: { id: '6', subject: 'rus' }, text: 'x', selections: [], extra: nested(100_000, 1) },
    '6',
  );
  assert.notEqual(deep.text, '[object Object]');
  assert.ok(deep.text.length > 400_000);
});
