import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { START, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';

test('a malformed essay is saved raw, logged as failed, and the session goes on', async (t) => {
  const env = await setup(t, { count: 3, malformed: ['800002'], timeoutCloseSec: 30 });
  const session = makeSession(env, demo());
  const saved: Array<{ fileId: string; malformed: boolean }> = [];
  session.on('file-saved', ({ fileId, malformed }) => saved.push({ fileId, malformed }));
  await session.start(START);
  const summary = await session.done;
  assert.deepEqual(summary.accepted.sort(), ['800001', '800003']);
  assert.deepEqual(summary.failed, ['800002']);
  assert.match(summary.reasons['800002'] ?? '', /malformed: .*meta/);
  assert.deepEqual(
    saved.find((s) => s.fileId === '800002'),
    { fileId: '800002', malformed: true },
  );
  const input = join(summary.dir ?? '', 'input');
  assert.deepEqual((await readdir(input)).sort(), ['800001.json', '800002.raw.json', '800003.json']);
  const raw = JSON.parse(await readFile(join(input, '800002.raw.json'), 'utf8'));
  assert.equal(raw.note, 'no meta: not an essay');
});
