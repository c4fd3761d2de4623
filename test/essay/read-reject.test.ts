import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Essay, EssayFileError, EssayReadError } from '../../src/essay/index.js';
import { findErrorPosition } from '../../src/essay/json-text.js';
import { cleanEssay, fixture, tempDir } from './helpers.js';

type Json = Record<string, unknown>;

function rejection(read: () => unknown): EssayReadError {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof EssayReadError, `expected EssayReadError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the read to throw');
}

function rejectEdited(edit: (essay: Json & { meta: Json }) => void): EssayReadError {
  const raw = cleanEssay() as Json & { meta: Json };
  edit(raw);
  return rejection(() => Essay.fromJSON(JSON.stringify(raw), { source: 'x.json' }));
}

const cases: [string, (e: Json & { meta: Json }) => void, string, string][] = [
  ['no meta', (e) => delete (e as Json).meta, 'meta', 'x.json: meta: missing (required)'],
  ['meta as an array', (e) => (e.meta = [] as never), 'meta', 'x.json: meta: expected an object, got array'],
  ['no meta.id', (e) => delete e.meta.id, 'meta.id', 'x.json: meta.id: missing (required)'],
  [
    'meta.id as a number',
    (e) => (e.meta.id = 78),
    'meta.id',
    'x.json: meta.id: expected a string, got number',
  ],
  ['an empty meta.id', (e) => (e.meta.id = ''), 'meta.id', 'x.json: meta.id: is empty'],
  [
    'no meta.subject',
    (e) => delete e.meta.subject,
    'meta.subject',
    'x.json: meta.subject: missing (required)',
  ],
  [
    'meta.subject as null',
    (e) => (e.meta.subject = null),
    'meta.subject',
    'x.json: meta.subject: expected a string, got null',
  ],
  ['no text', (e) => delete e.text, 'text', 'x.json: text: missing (required)'],
  ['text as an object', (e) => (e.text = {}), 'text', 'x.json: text: expected a string, got object'],
  [
    'selections as an object',
    (e) => (e.selections = {}),
    'selections',
    'x.json: selections: expected an array, got object',
  ],
];

for (const [what, edit, path, message] of cases) {
  test(`an essay with ${what} is rejected naming file and path`, () => {
    const error = rejectEdited(edit);
    assert.equal(error.message, message);
    assert.equal(error.source, 'x.json');
    assert.equal(error.path, path);
    assert.equal(error.line, undefined);
  });
}

test('a JSON document that is not an object is rejected at the root', () => {
  const error = rejection(() => Essay.fromJSON('[1, 2]', { source: 'x.json' }));
  assert.equal(error.message, 'x.json: (root): expected an object, got array');
  assert.equal(error.path, '');
});

test('an error without a source says <essay>', () => {
  const error = rejection(() => Essay.fromObject({ text: 'x' }));
  assert.equal(error.message, '<essay>: meta: missing (required)');
  assert.equal(error.source, undefined);
});

test('a JSON syntax error names line and column from the position V8 reports', () => {
  const json =
    '{\n  "meta": {"id": "0000079", "subject": "rus"},\n  "text": "Текст",\n  "selections": [{"id": 1,}]\n}';
  const error = rejection(() => Essay.fromJSON(json, { source: 'bad.json' }));
  assert.equal(error.message, 'bad.json:4:27: not valid JSON: Expected double-quoted property name');
  assert.equal(error.line, 4);
  assert.equal(error.column, 27);
  assert.equal(json.split('\n')[3]![26], '}');
  assert.ok(error.cause instanceof SyntaxError);
});

test('a syntax error V8 reports without a position still gets line and column', () => {
  // V8 says `Unexpected token '}', "…" is not valid JSON` here, with no position at all.
  const json = '{\n  "meta": {"id": "0000079", "subject": "rus"},\n  "text": tru}';
  const error = rejection(() => Essay.fromJSON(json, { source: 'bad.json' }));
  assert.equal(error.message, "bad.json:3:14: not valid JSON: Unexpected token '}'");
  assert.deepEqual([error.line, error.column], [3, 14]);
});

test('the snippet V8 quotes from a long input is left out of the message', () => {
  const json = `{"meta": {"id": "0000079", "subject": "rus"}, "text": "${'а'.repeat(200)}", "selections": [,]}`;
  const error = rejection(() => Essay.fromJSON(json, { source: 'long.json' }));
  assert.equal(error.message, `long.json:1:${json.indexOf('[,]') + 2}: not valid JSON: Unexpected token ','`);
});

test('text that ends too early is reported where it ends', () => {
  const json = '{\n  "meta": {"id": "0000079",\n';
  const error = rejection(() => Essay.fromJSON(json, { source: 'bad.json' }));
  assert.equal(error.message, 'bad.json:3:1: not valid JSON: Expected double-quoted property name');
  const empty = rejection(() => Essay.fromJSON('', { source: 'empty.json' }));
  assert.equal(empty.message, 'empty.json:1:1: not valid JSON: Unexpected end of JSON input');
});

test('CRLF line ends count as one line each', () => {
  const error = rejection(() => Essay.fromJSON('{\r\n"meta": x}', { source: 'crlf.json' }));
  assert.deepEqual([error.line, error.column], [2, 9]);
});

test('a file without a subject is rejected naming the file path', async () => {
  const path = fixture('no-subject.json');
  await assert.rejects(Essay.fromFile(path), (error: unknown) => {
    assert.ok(error instanceof EssayReadError);
    assert.equal(error.message, `${path}: meta.subject: missing (required)`);
    return true;
  });
});

test('a file with broken JSON is rejected with the file path, line and column', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'broken.json');
  await writeFile(path, '{\n  "meta": {"id": "0000079" "subject": "rus"}\n}\n');
  await assert.rejects(Essay.fromFile(path), {
    name: 'EssayReadError',
    message: `${path}:2:28: not valid JSON: Expected ',' or '}' after property value`,
  });
});

test('a missing file is an EssayFileError naming the path', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'nope.json');
  await assert.rejects(Essay.fromFile(path), (error: unknown) => {
    assert.ok(error instanceof EssayFileError);
    assert.equal(error.message, `cannot read ${path}: no such file or directory (ENOENT)`);
    assert.equal(error.code, 'ENOENT');
    assert.equal(error.operation, 'read');
    return true;
  });
});

test('a syntax error deep inside nested arrays gets its position instead of overflowing the stack', () => {
  const json = `${'['.repeat(50_000)}x`;
  const error = rejection(() => Essay.fromJSON(json, { source: 'deep.json' }));
  assert.equal(error.message, "deep.json:1:50001: not valid JSON: Unexpected token 'x'");
});

test('the position finder agrees with a strict reader on valid and broken documents', () => {
  const valid = ['{}', '[]', '{"a": [1, {"b": null}], "c": "x"}', ' [true, false, -1.5e3] ', '"s"'];
  for (const json of valid) assert.equal(findErrorPosition(json), undefined, json);
  const broken: [string, number][] = [
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['{"a" 1}', 5],
    ['[1, [2, {"x": tru}]]', 17],
    ['{"a": 1} x', 9],
    ['[', 1],
    ['{"a": [1], "b": {"c": [}]}', 23],
  ];
  for (const [json, at] of broken) assert.equal(findErrorPosition(json), at, json);
});
