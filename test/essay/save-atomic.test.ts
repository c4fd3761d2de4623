import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { Essay, EssayFileError, writeFileAtomic } from '../../src/essay/index.js';
import { writeFileAtomicWith, type AtomicWriteOps } from '../../src/essay/file.js';
import { cleanEssay, fixture, tempDir } from './helpers.js';

const realOps: AtomicWriteOps = { mkdir: fs.mkdir, open: fs.open, rename: fs.rename, unlink: fs.unlink };

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });
}

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

test('writeFileAtomic writes bytes as well as strings', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'a', 'bytes.bin');
  await writeFileAtomic(path, new Uint8Array([0, 1, 2, 255]));
  assert.deepEqual([...(await fs.readFile(path))], [0, 1, 2, 255]);
});

test('a full disk is an EssayFileError naming the path, the old file stays and no temp file is left', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'essay.json');
  await fs.writeFile(path, 'previous');
  const fullDisk: AtomicWriteOps = {
    ...realOps,
    open: (async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      // A real handle (so a real temp file exists) whose write fails the way a full disk does.
      return Object.assign(Object.create(handle) as fs.FileHandle, {
        writeFile: () => Promise.reject(errno('ENOSPC', 'write')),
        close: () => handle.close(),
      });
    }) as typeof fs.open,
  };
  await assert.rejects(writeFileAtomicWith(fullDisk, path, 'new content'), (error: unknown) => {
    assert.ok(error instanceof EssayFileError);
    assert.equal(error.message, `cannot write ${path}: no space left on device (ENOSPC)`);
    assert.equal(error.code, 'ENOSPC');
    assert.equal(error.path, path);
    assert.equal(error.operation, 'write');
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOSPC');
    return true;
  });
  assert.deepEqual(await fs.readdir(dir), ['essay.json']);
  assert.equal(await fs.readFile(path, 'utf8'), 'previous');
});

test('a permission error at rename removes the temp file and names the path', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const path = join(dir, 'essay.json');
  const denied: AtomicWriteOps = { ...realOps, rename: () => Promise.reject(errno('EACCES', 'rename')) };
  await assert.rejects(writeFileAtomicWith(denied, path, '{}'), {
    name: 'EssayFileError',
    message: `cannot write ${path}: permission denied (EACCES)`,
  });
  assert.deepEqual(await fs.readdir(dir), []);
});

test('a path under a regular file fails with the real file-system error', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  await fs.writeFile(join(dir, 'file'), '');
  const path = join(dir, 'file', 'essay.json');
  await assert.rejects(writeFileAtomic(path, '{}'), (error: unknown) => {
    assert.ok(error instanceof EssayFileError);
    assert.ok(['ENOTDIR', 'EEXIST'].includes(error.code ?? ''), String(error.code));
    assert.ok(error.message.startsWith(`cannot write ${path}: `));
    return true;
  });
  assert.deepEqual(await fs.readdir(dir), ['file']);
});
