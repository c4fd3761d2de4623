import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInvariant } from '../../scripts/chaos/invariant.js';
import { writeDataset } from '../../scripts/chaos/suite.js';

// The chaos invariant must be able to fail: a store and client files written by hand with a file
// never saved, one saved and never answered, one reported unsaved, and an answer mixed up.

test('the chaos invariant names every lost file and every mixed-up answer', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'readable-invariant-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dataset = join(root, 'dataset');
  await writeDataset(dataset);
  const store = join(root, 'store');
  const session = join(root, 'files', 'sessions', '1');
  await mkdir(join(store, 'sessions'), { recursive: true });
  await mkdir(join(store, 'reports'), { recursive: true });
  await mkdir(join(store, 'answers', '1'), { recursive: true });
  await mkdir(join(session, 'input'), { recursive: true });
  const ids = ['700001', '700002', '700003', '700004'];
  await writeFile(
    join(store, 'sessions', '1.jsonl'),
    ids
      .map((fileId, i) => JSON.stringify({ t: 'push', i, fileId, at: 0, deadline: 1, delivered: true }))
      .join('\n'),
  );
  const statuses = ['on-time', 'missing', 'missing', 'late'];
  await writeFile(
    join(store, 'reports', '1.json'),
    JSON.stringify({
      end: { type: 'finish' },
      files: ids.map((fileId, i) => ({ fileId, status: statuses[i] })),
    }),
  );
  const essay = (id: string) => join(dataset, 'train', `${id}.json`);
  // 700001 saved and answered; 700002 saved, never answered; 700003 never saved; 700004 reported unsaved.
  for (const id of ['700001', '700002'])
    await writeFile(join(session, 'input', `${id}.json`), await readFile(essay(id)));
  await writeFile(join(store, 'answers', '1', '700001.json'), await readFile(essay('700001')));
  // 700004's answer carries 700001's text: accepted as another file.
  await writeFile(join(store, 'answers', '1', '700004.json'), await readFile(essay('700001')));
  const v = await checkInvariant({
    store,
    filesDir: join(root, 'files'),
    dataset,
    clientLog: 'warn: could not save the received essay; going on with it in memory (file 700004)\n',
  });
  assert.equal(v.files, 4);
  assert.deepEqual(v.lost, [
    '1/700002: saved, never answered nor reported (missing)',
    '1/700003: pushed, never saved nor reported unsaved',
  ]);
  assert.equal(v.unsavedReported, 1);
  assert.deepEqual(v.mixedUp, ["1/700004.json: another essay's text"]);
  assert.equal(v.noSession, false);
});
