import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { Essay, essaySchema, validateEssaySchema } from '../../src/essay/index.js';
import { cleanEssay, fixture } from './helpers.js';

test('the shipped schema is draft-07 with titles and descriptions, and compiles in strict mode', async () => {
  const schema = JSON.parse(
    await readFile(new URL('../../schema/essay.schema.json', import.meta.url), 'utf8'),
  );
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(typeof schema.title, 'string');
  assert.equal(typeof schema.description, 'string');
  assert.equal(typeof schema.definitions.selection.properties.endSelection.description, 'string');
  assert.deepEqual(essaySchema(), schema);
  assert.doesNotThrow(() => new Ajv({ strict: true }).compile(schema));
});

test('the well-formed fixtures satisfy the schema', async () => {
  for (const name of ['hist-ru.json', 'eng.json']) {
    const data: unknown = JSON.parse(await readFile(fixture(name), 'utf8'));
    assert.deepEqual(validateEssaySchema(data), { ok: true }, name);
  }
});

test('a leniently read file satisfies the schema once written back', async () => {
  const raw: unknown = JSON.parse(await readFile(fixture('lenient-hist.json'), 'utf8'));
  assert.equal(validateEssaySchema(raw).ok, false);
  const essay = await Essay.fromFile(fixture('lenient-hist.json'));
  assert.deepEqual(validateEssaySchema(essay.toJSON()), { ok: true });
});

test('schema errors come back as path: message strings', async () => {
  const raw = JSON.parse(await readFile(fixture('lenient-hist.json'), 'utf8'));
  assert.deepEqual(validateEssaySchema(raw), {
    ok: false,
    errors: ['meta.taskText: is required', 'meta.class: must be string', 'meta.year: must be number'],
  });
});

test('selection errors name the index and the field', () => {
  const raw = cleanEssay() as { selections: Record<string, unknown>[] };
  raw.selections[0] = { id: 1, startSelection: -1, endSelection: 2.5, type: '', group: 'Error', tag: 3 };
  assert.deepEqual(validateEssaySchema(raw), {
    ok: false,
    errors: [
      'selections[0].startSelection: must be >= 0',
      'selections[0].endSelection: must be integer',
      'selections[0].type: must NOT have fewer than 1 characters',
      'selections[0].type: must match pattern "\\S"',
      'selections[0].group: must be one of "error", "meaning"',
      'selections[0].tag: must be string',
    ],
  });
});

test('a missing text, meta or selections and a non-object are reported, never thrown', () => {
  assert.deepEqual(validateEssaySchema({}), {
    ok: false,
    errors: ['meta: is required', 'text: is required', 'selections: is required'],
  });
  assert.deepEqual(validateEssaySchema('essay'), { ok: false, errors: ['(root): must be object'] });
  assert.deepEqual(validateEssaySchema({ ...cleanEssay(), criteria: { K1: '2' } }), {
    ok: false,
    errors: ['criteria.K1: must be number'],
  });
});

test('the write rules are at least as strict as the schema, and only add the text-length rules', () => {
  const text = 'Это проверочный текст сочинения, длина которого превышает пятьдесят символов.';
  const selection = fc.record({
    startSelection: fc.oneof(fc.integer({ min: -3, max: 90 }), fc.constant(1.5)),
    endSelection: fc.oneof(fc.integer({ min: -3, max: 90 }), fc.constant(2.5)),
    type: fc.constantFrom('Г.слов', 'проблема', '', ' '),
    group: fc.constantFrom('error', 'meaning', 'Error', ''),
  });
  fc.assert(
    fc.property(fc.array(selection, { maxLength: 4 }), (selections) => {
      const essay = Essay.fromText(text, { id: '0000078', subject: 'rus' });
      for (const s of selections) essay.selections.add(s);
      const writable = essay.checkForWrite().length === 0;
      const schemaOk = validateEssaySchema(essay.toJSON()).ok;
      const inText = selections.every(
        (s) => s.startSelection <= s.endSelection && s.endSelection <= text.length,
      );
      assert.equal(writable, schemaOk && inText);
    }),
    { numRuns: 300 },
  );
});
