import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { Essay } from '../../src/essay/index.js';
import { readOnly, tinyDisk } from '../support/disk.js';
import { cleanEssay, fixture, tempDir } from './helpers.js';

test('save creates missing directories and leaves only the target file', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const essay = await Essay.fromFile(fixture('hist-ru.json'));
  const path = join(dir, 'sessions', 's1', 'output', '0000078.json');
  await essay.save(path);
  assert.equal(await fs.readFile(path, 'utf8'), `${essay.toString()}\n`);
  assert.deepEqual(await fs.readdir(join(dir, 'sessions', 's1', 'output')), ['0000078.json']);
  assert.deepEqual((await Essay.fromFile(path)).toJSON(), essay.toJSON());
});

test('save replaces an existing file', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'essay.json');
  await fs.writeFile(path, 'old content');
  const essay = Essay.fromObject(cleanEssay());
  await essay.save(path);
  assert.deepEqual(JSON.parse(await fs.readFile(path, 'utf8')), essay.toJSON());
  assert.deepEqual(await fs.readdir(dir), ['essay.json']);
});

test('a strict save refuses an essay that breaks a write rule and writes nothing', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const essay = Essay.fromObject(cleanEssay());
  essay.selections.at(0)!.endSelection = 500;
  const path = join(dir, 'out.json');
  await assert.rejects(essay.save(path), {
    name: 'EssayWriteError',
    message: 'essay 0000078: selections[0].endSelection = 500 is past the end of the text (length 77)',
  });
  assert.deepEqual(await fs.readdir(dir), []);
  await essay.save(path, { strict: false });
  assert.equal(JSON.parse(await fs.readFile(path, 'utf8')).selections[0].endSelection, 500);
});

test('saving an essay on a read-only disk is an EssayFileError naming the path, and nothing changes', async (t) => {
  const disk = await tinyDisk(t);
  if (disk === undefined) return;
  const path = join(disk, 'essay.json');
  await fs.writeFile(path, 'previous');
  readOnly(disk);
  await assert.rejects(Essay.fromObject(cleanEssay()).save(path), {
    name: 'EssayFileError',
    message: `cannot write ${path}: read-only file system (EROFS)`,
  });
  assert.deepEqual(await fs.readdir(disk), ['essay.json']);
  assert.equal(await fs.readFile(path, 'utf8'), 'previous');
});
