import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Essay, formatWarning, type EssayWarning } from '../../src/essay/index.js';
import { cleanEssay, fixture } from './helpers.js';

type Json = Record<string, unknown>;

/** A clean essay with `edit` applied, read from JSON text as `x.json`. */
function readEdited(edit: (essay: Json & { meta: Json; selections: Json[] }) => void): Essay {
  const raw = cleanEssay() as Json & { meta: Json; selections: Json[] };
  edit(raw);
  return Essay.fromJSON(JSON.stringify(raw), { source: 'x.json' });
}

function warningsOf(essay: Essay): string[] {
  return essay.warnings.map(formatWarning);
}

test('a clean essay reads without warnings', () => {
  assert.deepEqual(readEdited(() => {}).warnings, []);
});

test('a warning names its source and JSON path', () => {
  const essay = readEdited((e) => (e.meta.year = '2020'));
  assert.deepEqual(essay.warnings, [
    { source: 'x.json', path: 'meta.year', message: '"2020" is a string; read as 2020' },
  ] satisfies EssayWarning[]);
});

test('a 6-character id is kept with a warning', () => {
  const essay = readEdited((e) => (e.meta.id = '800001'));
  assert.equal(essay.meta.id, '800001');
  assert.deepEqual(warningsOf(essay), [
    `x.json: meta.id: "800001" has 6 characters; the organisers' schema asks for at least 7`,
  ]);
});

test('a year given as a string is read as a number', () => {
  const essay = readEdited((e) => (e.meta.year = '2017'));
  assert.equal(essay.meta.year, 2017);
  assert.deepEqual(warningsOf(essay), ['x.json: meta.year: "2017" is a string; read as 2017']);
});

test('a year that is no number is dropped with a warning', () => {
  const essay = readEdited((e) => (e.meta.year = 'прошлый'));
  assert.equal(essay.meta.year, undefined);
  assert.deepEqual(warningsOf(essay), ['x.json: meta.year: expected a number, got "прошлый"; dropped']);
});

test('a class given as a number is read as a string', () => {
  const essay = readEdited((e) => (e.meta.class = 11));
  assert.equal(essay.meta.class, '11');
  assert.deepEqual(warningsOf(essay), ['x.json: meta.class: 11 is a number; read as "11"']);
});

test('an unknown subject is kept with a warning', () => {
  const essay = readEdited((e) => (e.meta.subject = 'math'));
  assert.equal(essay.meta.subject, 'math');
  assert.deepEqual(warningsOf(essay), [
    'x.json: meta.subject: unknown subject "math" (known: rus, rus-free, lit, social, hist, eng, eng-free)',
  ]);
});

test('missing theme and taskText default to empty strings', () => {
  const essay = readEdited((e) => {
    delete e.meta.theme;
    delete e.meta.taskText;
  });
  assert.equal(essay.meta.theme, '');
  assert.equal(essay.meta.taskText, '');
  assert.deepEqual(warningsOf(essay), [
    'x.json: meta.theme: missing; read as ""',
    'x.json: meta.taskText: missing; read as ""',
  ]);
});

test('third given as a string is read as a boolean', () => {
  const essay = readEdited((e) => (e.meta.third = 'true'));
  assert.equal(essay.meta.third, true);
  assert.deepEqual(warningsOf(essay), ['x.json: meta.third: "true" is not a boolean; read as true']);
});

test('a text shorter than 50 characters is kept with a warning', () => {
  const essay = readEdited((e) => {
    e.text = 'Короткий текст.';
    e.selections = [];
  });
  assert.deepEqual(warningsOf(essay), [
    `x.json: text: 15 characters; the organisers' schema asks for at least 50`,
  ]);
});

test('missing selections read as an empty list', () => {
  const essay = readEdited((e) => delete (e as Json).selections);
  assert.equal(essay.selections.length, 0);
  assert.deepEqual(warningsOf(essay), ['x.json: selections: missing; read as []']);
});

test('null selections read as an empty list', () => {
  const essay = readEdited((e) => ((e as Json).selections = null));
  assert.deepEqual(warningsOf(essay), ['x.json: selections: null; read as []']);
});

test('an end one past the text is clamped to the text length', () => {
  const essay = readEdited((e) => {
    e.selections[0]!.endSelection = (e.text as string).length + 1;
  });
  assert.equal(essay.selections.at(0)?.endSelection, essay.text.length);
  assert.deepEqual(warningsOf(essay), [
    'x.json: selections[0].endSelection: 78 is one past the end of the text (length 77); clamped to 77',
  ]);
  assert.deepEqual(essay.checkForWrite(), []);
});

test('an end far past the text is kept for the write check to reject', () => {
  const essay = readEdited((e) => (e.selections[0]!.endSelection = 5000));
  assert.equal(essay.selections.at(0)?.endSelection, 5000);
  assert.deepEqual(warningsOf(essay), [
    'x.json: selections[0].endSelection: 5000 is past the end of the text (length 77)',
  ]);
});

test('offsets given as numeric strings are read as numbers', () => {
  const essay = readEdited((e) => (e.selections[0]!.startSelection = '1'));
  assert.equal(essay.selections.at(0)?.startSelection, 1);
  assert.deepEqual(warningsOf(essay), ['x.json: selections[0].startSelection: "1" is a string; read as 1']);
});

test('a selection without usable offsets is dropped and later paths keep their file index', () => {
  const essay = readEdited((e) => {
    e.selections.unshift({ id: 7, startSelection: 'начало', endSelection: 3, type: 'x', group: 'error' });
    e.selections[1]!.type = '';
  });
  assert.equal(essay.selections.length, 1);
  assert.deepEqual(warningsOf(essay), [
    'x.json: selections[0].startSelection: "начало" is not a number; selection dropped',
    'x.json: selections[1].type: is empty',
  ]);
});

test('a selection that is not an object is dropped', () => {
  const essay = readEdited((e) => {
    e.selections.push(null as never);
  });
  assert.deepEqual(warningsOf(essay), ['x.json: selections[1]: expected an object, got null; dropped']);
});

test('missing optional selection strings default to empty strings', () => {
  const essay = readEdited((e) => {
    delete e.selections[0]!.comment;
    delete e.selections[0]!.correction;
  });
  assert.equal(essay.selections.at(0)?.comment, '');
  assert.deepEqual(warningsOf(essay), [
    'x.json: selections[0].comment: missing; read as ""',
    'x.json: selections[0].correction: missing; read as ""',
  ]);
});

test('a missing selection id gets a fresh one after the largest id', () => {
  const essay = readEdited((e) => {
    e.selections[0]!.id = 41;
    e.selections.push({ ...e.selections[0], id: undefined });
  });
  assert.deepEqual(
    essay.selections.toArray().map((s) => s.id),
    [41, 42],
  );
  assert.deepEqual(warningsOf(essay), ['x.json: selections[1].id: missing or not a number; assigned 42']);
});

test('duplicate selection ids are kept with a warning', () => {
  const essay = readEdited((e) => e.selections.push({ ...e.selections[0] }));
  assert.deepEqual(warningsOf(essay), ['x.json: selections[1].id: 1 repeats selections[0].id']);
});

test('a group outside error and meaning is kept with a warning', () => {
  const essay = readEdited((e) => (e.selections[0]!.group = 'ошибка'));
  assert.equal(essay.selections.at(0)?.group, 'ошибка');
  assert.deepEqual(warningsOf(essay), ['x.json: selections[0].group: "ошибка" is not "error" or "meaning"']);
});

test('type case is kept as written and compares case-insensitively', () => {
  const essay = readEdited((e) => (e.selections[0]!.type = 'ПРОБЛЕМА'));
  const selection = essay.selections.at(0);
  assert.equal(selection?.type, 'ПРОБЛЕМА');
  assert.equal(selection?.hasType('проблема'), true);
  assert.deepEqual(essay.warnings, []);
});

test('criteria given as numeric strings are read as numbers', () => {
  const essay = readEdited((e) => ((e as Json).criteria = { K1: '2', K2: 1.5, K3: 'нет' }));
  assert.deepEqual(essay.criteria, { K1: 2, K2: 1.5 });
  assert.deepEqual(warningsOf(essay), [
    'x.json: criteria.K1: "2" is a string; read as 2',
    'x.json: criteria.K3: expected a number, got "нет"; dropped',
  ]);
});

test('the criterias typo is moved to criteria', () => {
  const essay = readEdited((e) => ((e as Json).criterias = { K1: 1 }));
  assert.deepEqual(essay.criteria, { K1: 1 });
  assert.equal('criterias' in essay.toJSON(), false);
  assert.deepEqual(warningsOf(essay), ['x.json: criterias: misspelt key; read as criteria']);
});

test('criterias next to criteria is kept as an unknown key', () => {
  const essay = readEdited((e) => {
    (e as Json).criteria = { K1: 1 };
    (e as Json).criterias = { K1: 2 };
  });
  assert.deepEqual(essay.criteria, { K1: 1 });
  assert.deepEqual(essay.toJSON().criterias, { K1: 2 });
  assert.deepEqual(warningsOf(essay), [
    'x.json: criterias: ignored because criteria is present too; kept as an unknown key',
  ]);
});

test('a byte order mark is skipped with a warning', () => {
  const essay = Essay.fromJSON(`\uFEFF${JSON.stringify(cleanEssay())}`, { source: 'x.json' });
  assert.deepEqual(warningsOf(essay), ['x.json: (root): starts with a byte order mark; ignored']);
});

test('a warning without a source is still formatted', () => {
  const raw = cleanEssay();
  (raw.meta as Json).year = '2020';
  const essay = Essay.fromObject(raw);
  assert.deepEqual(essay.warnings, [{ path: 'meta.year', message: '"2020" is a string; read as 2020' }]);
  assert.equal(formatWarning(essay.warnings[0]!), '<essay>: meta.year: "2020" is a string; read as 2020');
});

test('the lenient fixture reads with one warning per deviation, naming the file', async () => {
  const path = fixture('lenient-hist.json');
  const essay = await Essay.fromFile(path);
  assert.equal(essay.source, path);
  assert.ok(essay.warnings.every((w) => w.source === path));
  assert.deepEqual(
    essay.warnings.map((w) => `${w.path}: ${w.message}`),
    [
      `meta.id: "800001" has 6 characters; the organisers' schema asks for at least 7`,
      'meta.taskText: missing; read as ""',
      'meta.class: 11 is a number; read as "11"',
      'meta.year: "2017" is a string; read as 2017',
      'selections[1].endSelection: 161 is one past the end of the text (length 160); clamped to 160',
      'selections[1].subtype: missing; read as ""',
      'selections[1].tag: missing; read as ""',
      'selections[1].comment: missing; read as ""',
      'selections[1].explanation: missing; read as ""',
      'selections[1].correction: missing; read as ""',
      'selections[1].id: 957 repeats selections[0].id',
      'criterias: misspelt key; read as criteria',
      'criterias.K1: "1" is a string; read as 1',
      'criterias.K3: "0.5" is a string; read as 0.5',
    ],
  );
  assert.deepEqual(essay.checkForWrite(), []);
});

test('an essay with 200 000 selections is read without overflowing the stack', () => {
  const selections = Array.from({ length: 200_000 }, (_, i) => ({
    id: i + 1,
    startSelection: 0,
    endSelection: 1,
    type: 'Г.слов',
    group: 'error',
    subtype: '',
    tag: '',
    comment: '',
    explanation: '',
    correction: '',
  }));
  const essay = Essay.fromObject({
    meta: { id: '0000001', subject: 'rus', theme: '', taskText: '' },
    text: 'x'.repeat(60),
    selections: [...selections, { ...selections[0], id: undefined }],
  });
  assert.equal(essay.selections.length, 200_001);
  assert.equal(essay.selections.at(-1)?.id, 200_001);
});
