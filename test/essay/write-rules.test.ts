import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Essay, EssayWriteError } from '../../src/essay/index.js';
import { cleanEssay, fixture } from './helpers.js';

function essayWith(edit: (essay: Essay) => void): Essay {
  const essay = Essay.fromObject(cleanEssay());
  edit(essay);
  return essay;
}

function messages(essay: Essay): string[] {
  return essay.checkForWrite().map((error) => error.message);
}

test('a clean essay breaks no write rule', () => {
  const essay = essayWith(() => {});
  assert.deepEqual(essay.checkForWrite(), []);
  assert.doesNotThrow(() => essay.assertWritable());
});

test('an end past the text names essay id, selection index, field and value', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.endSelection = 5000;
  });
  const [error] = essay.checkForWrite();
  assert.ok(error instanceof EssayWriteError);
  assert.equal(
    error.message,
    'essay 0000078: selections[0].endSelection = 5000 is past the end of the text (length 77)',
  );
  assert.equal(error.essayId, '0000078');
  assert.equal(error.selectionIndex, 0);
  assert.equal(error.field, 'endSelection');
  assert.equal(error.path, 'selections[0].endSelection');
  assert.equal(error.value, 5000);
});

test('an end one past the text is rejected when writing', () => {
  const essay = essayWith((e) => {
    e.selections.add({ startSelection: 70, endSelection: 78, type: 'Г.слов', group: 'error' });
  });
  assert.deepEqual(messages(essay), [
    'essay 0000078: selections[1].endSelection = 78 is past the end of the text (length 77)',
  ]);
});

test('a negative start is rejected', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.startSelection = -1;
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].startSelection = -1 is negative']);
});

test('a start after the end is rejected', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.startSelection = 30;
    e.selections.at(0)!.endSelection = 20;
  });
  assert.deepEqual(messages(essay), [
    'essay 0000078: selections[0].startSelection = 30 is after endSelection (20)',
  ]);
});

test('fractional offsets are rejected', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.startSelection = 1.5;
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].startSelection = 1.5 is not an integer']);
});

test('offsets that are not numbers are rejected', () => {
  const essay = essayWith((e) => {
    (e.selections.at(0) as unknown as Record<string, unknown>).endSelection = '3';
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].endSelection = "3" is not an integer']);
});

test('an empty type is rejected', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.type = ' ';
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].type = " " is empty']);
});

test('a group other than error or meaning is rejected', () => {
  const essay = essayWith((e) => {
    e.selections.at(0)!.group = 'Error';
  });
  assert.deepEqual(messages(essay), [
    'essay 0000078: selections[0].group = "Error" is not "error" or "meaning"',
  ]);
});

test('a missing selection id is rejected', () => {
  const essay = essayWith((e) => {
    (e.selections.at(0) as unknown as Record<string, unknown>).id = undefined;
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].id = undefined is not a number']);
});

test('optional strings set to null are rejected', () => {
  const essay = essayWith((e) => {
    (e.selections.at(0) as unknown as Record<string, unknown>).correction = null;
  });
  assert.deepEqual(messages(essay), ['essay 0000078: selections[0].correction = null is not a string']);
});

test('an emptied meta id and subject are rejected', () => {
  const essay = essayWith((e) => {
    e.meta.id = '';
    e.meta.subject = '';
  });
  assert.deepEqual(messages(essay), [
    'essay (no id): meta.id = "" is empty',
    'essay (no id): meta.subject = "" is empty',
  ]);
  assert.equal(essay.checkForWrite()[1]?.selectionIndex, undefined);
});

test('criteria that are not numbers are rejected', () => {
  const essay = essayWith((e) => {
    e.criteria = { K1: 1, K2: '2' as unknown as number };
  });
  assert.deepEqual(messages(essay), ['essay 0000078: criteria.K2 = "2" is not a number']);
});

test('every broken rule is listed in order and assertWritable throws the first', () => {
  const essay = essayWith((e) => {
    e.selections.add({ startSelection: 10, endSelection: 5, type: '', group: 'meaning' });
    e.selections.at(0)!.group = 'bad';
  });
  assert.deepEqual(messages(essay), [
    'essay 0000078: selections[0].group = "bad" is not "error" or "meaning"',
    'essay 0000078: selections[1].startSelection = 10 is after endSelection (5)',
    'essay 0000078: selections[1].type = "" is empty',
  ]);
  assert.throws(() => essay.assertWritable(), {
    name: 'EssayWriteError',
    message: 'essay 0000078: selections[0].group = "bad" is not "error" or "meaning"',
  });
});

test('a whole-text remark 0..0 and a span ending at the text end are valid', () => {
  const essay = essayWith((e) => {
    e.selections.add({ startSelection: 0, endSelection: 0, type: 'П.однообр', group: 'error' });
    e.selections.add({ startSelection: 70, endSelection: e.text.length, type: 'Г.слов', group: 'error' });
  });
  assert.deepEqual(messages(essay), []);
});

test('the invalid fixture lists both of its problems', async () => {
  const essay = await Essay.fromFile(fixture('invalid-offsets.json'));
  assert.deepEqual(messages(essay), [
    'essay 0000078: selections[1].endSelection = 5000 is past the end of the text (length 610)',
    'essay 0000078: selections[2].group = "mistake" is not "error" or "meaning"',
  ]);
});
