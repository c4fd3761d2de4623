import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { FileError, writeFileAtomic } from '../../src/fs/index.js';
import { fill, readOnly, tinyDisk } from '../support/disk.js';
import { tempDir } from '../essay/helpers.js';

test('writeFileAtomic writes bytes as well as strings', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'a', 'bytes.bin');
  await writeFileAtomic(path, new Uint8Array([0, 1, 2, 255]));
  assert.deepEqual([...(await fs.readFile(path))], [0, 1, 2, 255]);
});

test('a full disk is a FileError naming the path, the old file stays and no temp file is left', async (t) => {
  const disk = await tinyDisk(t);
  if (disk === undefined) return;
  const path = join(disk, 'essay.json');
  await fs.writeFile(path, 'previous');
  await fill(disk);
  await assert.rejects(writeFileAtomic(path, 'x'.repeat(200_000)), (error: unknown) => {
    assert.ok(error instanceof FileError);
    assert.equal(error.message, `cannot write ${path}: no space left on device (ENOSPC)`);
    assert.equal(error.code, 'ENOSPC');
    assert.equal(error.path, path);
    assert.equal(error.operation, 'write');
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOSPC');
    return true;
  });
  assert.deepEqual((await fs.readdir(disk)).sort(), ['essay.json', 'filler']);
  assert.equal(await fs.readFile(path, 'utf8'), 'previous');
});

test('a read-only disk is a FileError naming the path, and nothing changes', async (t) => {
  const disk = await tinyDisk(t);
  if (disk === undefined) return;
  const path = join(disk, 'essay.json');
  await fs.writeFile(path, 'previous');
  readOnly(disk);
  await assert.rejects(writeFileAtomic(path, '{}'), {
    name: 'FileError',
    message: `cannot write ${path}: read-only file system (EROFS)`,
  });
  assert.deepEqual(await fs.readdir(disk), ['essay.json']);
  assert.equal(await fs.readFile(path, 'utf8'), 'previous');
});

test('a path under a regular file fails with the real file-system error', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  await fs.writeFile(join(dir, 'file'), '');
  const path = join(dir, 'file', 'essay.json');
  await assert.rejects(writeFileAtomic(path, '{}'), (error: unknown) => {
    assert.ok(error instanceof FileError);
    assert.ok(['ENOTDIR', 'EEXIST'].includes(error.code ?? ''), String(error.code));
    assert.ok(error.message.startsWith(`cannot write ${path}: `));
    return true;
  });
  assert.deepEqual(await fs.readdir(dir), ['file']);
});
