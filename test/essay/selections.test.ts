import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Essay, Selection, SelectionCollection, SelectionError, sameType } from '../../src/essay/index.js';
import { fixture } from './helpers.js';

test('a selection checks its field types on construction', () => {
  assert.throws(
    () =>
      new Selection({
        id: 1,
        startSelection: '3' as unknown as number,
        endSelection: 5,
        type: 'x',
        group: 'error',
      }),
    (error: unknown) => {
      assert.ok(error instanceof SelectionError);
      assert.equal(error.message, 'selection.startSelection must be a finite number, got "3"');
      assert.equal(error.field, 'startSelection');
      return true;
    },
  );
  assert.throws(
    () => new Selection({ id: 1, startSelection: 0, endSelection: Number.NaN, type: 'x', group: 'error' }),
    {
      message: 'selection.endSelection must be a finite number, got NaN',
    },
  );
  assert.throws(
    () => new Selection({ id: 1, startSelection: 0, endSelection: 1, type: 7 as never, group: 'error' }),
    {
      message: 'selection.type must be a string, got 7',
    },
  );
  assert.throws(
    () =>
      new Selection({
        id: 1,
        startSelection: 0,
        endSelection: 1,
        type: 'x',
        group: 'error',
        comment: null as never,
      }),
    { message: 'selection.comment must be a string, got null' },
  );
});

test('add fills defaults and assigns the next free id', () => {
  const selections = new SelectionCollection();
  const first = selections.add({ startSelection: 0, endSelection: 4, type: 'Г.слов', group: 'error' });
  const second = selections.add({
    id: 10,
    startSelection: 5,
    endSelection: 9,
    type: 'проблема',
    group: 'meaning',
  });
  const third = selections.add({
    startSelection: 1,
    endSelection: 2,
    type: 'Г.слов',
    group: 'error',
    note: 'x',
  });
  assert.deepEqual([first.id, second.id, third.id], [1, 10, 11]);
  assert.equal(first.comment, '');
  assert.deepEqual(third.toJSON(), {
    id: 11,
    startSelection: 1,
    endSelection: 2,
    type: 'Г.слов',
    group: 'error',
    subtype: '',
    tag: '',
    comment: '',
    explanation: '',
    correction: '',
    note: 'x',
  });
});

test('the collection is iterable, indexable and hands out copies of its array', async () => {
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  const ids = [...essay.selections].map((s) => s.id);
  assert.deepEqual(ids, [111, 112, 113, 114, 115]);
  assert.equal(essay.selections.length, 5);
  assert.equal(essay.selections.at(-1)?.id, 115);
  assert.equal(essay.selections.at(9), undefined);
  const array = essay.selections.toArray();
  array.pop();
  assert.equal(essay.selections.length, 5);
});

test('remove and clear change the collection', async () => {
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  const second = essay.selections.at(1)!;
  assert.equal(essay.selections.remove(second), true);
  assert.equal(essay.selections.remove(second), false);
  assert.equal(essay.selections.length, 4);
  essay.selections.clear();
  assert.equal(essay.selections.length, 0);
  assert.deepEqual(essay.toJSON().selections, []);
});

test('a selection gives its fragment of the text', async () => {
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  assert.equal(essay.selections.at(0)?.fragment(essay.text), 'Николая I');
  assert.equal(essay.selections.at(4)?.fragment(essay.text), '');
});

test('markup codes compare case-insensitively', () => {
  assert.equal(sameType('ПРОБЛЕМА', 'проблема'), true);
  assert.equal(sameType('Г.слов', 'г.СЛОВ'), true);
  assert.equal(sameType('Г.слов', 'Г.орф'), false);
});
