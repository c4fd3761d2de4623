// Issue 9.13 (client): session folder names are injective — `a/b` and `a_b` never share a folder —
// one safe path segment each, and a session saved under the old name is still found for a resume.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { SessionStore, sessionDirName } from '../../src/session/index.js';

const SAFE = /^[A-Za-z0-9_-][A-Za-z0-9._~-]*$/;

test('ids that the old mapping merged get folders of their own', () => {
  const ids = [
    '\uD800',
    '\uD801',
    'a/b',
    'a_b',
    'a b',
    'a\\b',
    'a:b',
    'a\u0000b',
    'a_2Fb',
    '.',
    '..',
    '_',
    '',
    'é',
    'e\u0301',
  ];
  const names = ids.map(sessionDirName);
  assert.equal(new Set(names).size, ids.length, JSON.stringify(names));
  assert.equal(sessionDirName('a/b'), 'a_2Fb');
  assert.equal(sessionDirName('a_b'), 'a_5Fb');
  for (const name of names) assert.match(name, SAFE);
});

test('plain ids keep the names they always had; 1 and "1" are one session', () => {
  for (const id of ['1', '42', 'abc-DEF.7', '6f1e2d3c-aaaa-bbbb-cccc-0123456789ab'])
    assert.equal(sessionDirName(id), id);
  assert.equal(sessionDirName(17), sessionDirName('17'));
});

test('the mapping is injective and safe over random ids up to 128 characters (fast-check)', () => {
  // Any UTF-16 string, and strings of the characters the escapes are made of (the likely collisions).
  const tricky = fc.constantFrom('a', '_', '/', '2', 'F', 'u', '0', '.', '~', 'é', '\uD800');
  const ids = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 128 }),
    fc.string({ unit: tricky, maxLength: 20 }),
  );
  fc.assert(
    fc.property(ids, ids, (a, b) => {
      const [na, nb] = [sessionDirName(a), sessionDirName(b)];
      assert.match(na, SAFE);
      assert.ok(na.length <= 100, na);
      if (a !== b) assert.notEqual(na, nb, `${JSON.stringify(a)} and ${JSON.stringify(b)} share ${na}`);
    }),
    { numRuns: 300, seed: 913 },
  );
  // Long ids end in a hash of the whole id: two that share a long prefix still differ.
  const long = 'x/'.repeat(60);
  assert.notEqual(sessionDirName(`${long}1`), sessionDirName(`${long}2`));
  assert.match(sessionDirName(`${long}1`), /~[0-9a-f]{32}$/);
});

test('a session saved under its old folder name is still found (resume), unless the new folder exists', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-dirs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const sessions = join(dir, 'sessions');
  // What an older version wrote for session "team/7": unsafe characters as `_`.
  await mkdir(join(sessions, 'team_7', 'input'), { recursive: true });
  await writeFile(join(sessions, 'team_7', 'input', '1001.json'), '{}');
  const store = new SessionStore(dir);
  assert.equal(basename(store.sessionDir('team/7')), 'team_7');
  assert.equal(await store.newestInputFileId('team/7'), '1001');
  // "team_7" itself: its new folder is team_5F7; the legacy folder is found too (the old names
  // could not tell the two apart, so the folder that exists is the one to resume).
  assert.equal(basename(new SessionStore(dir).sessionDir('team_7')), 'team_7');
  // Once a folder of the new name exists, it wins.
  await mkdir(join(sessions, 'team_2F8'), { recursive: true });
  await mkdir(join(sessions, 'team_8'), { recursive: true });
  assert.equal(basename(new SessionStore(dir).sessionDir('team/8')), 'team_2F8');
  // A new session never uses an old-style name.
  assert.equal(basename(new SessionStore(dir).sessionDir('team/9')), 'team_2F9');
});
