import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { Logger } from '../../src/log/index.js';
import { JournalOutgoingStore, newEntry } from '../../src/session/index.js';

async function journalPath(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-journal-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'session', 'outgoing.jsonl');
}

/** Only the two levels the store uses; a real pino logger would write to a stream. */
function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    warn: (_fields: unknown, message: string) => warnings.push(message),
    debug: () => undefined,
  };
  return { logger: logger as unknown as Logger, warnings };
}

const entry = (fileId: string, putAt = Date.now()) => ({
  ...newEntry({
    fileId,
    sessionId: 7,
    content: JSON.stringify({ meta: { id: fileId }, text: 'т'.repeat(50) }),
  }),
  putAt,
});

const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');

test('puts and dels of one turn go out together, and the journal replays to the same pending set', async (t) => {
  const path = await journalPath(t);
  const store = new JournalOutgoingStore(path);
  await Promise.all(Array.from({ length: 100 }, (_, i) => store.put(entry(String(1000 + i), i))));
  assert.deepEqual(
    await Promise.all(Array.from({ length: 60 }, (_, i) => store.del(String(1000 + i)))),
    Array.from({ length: 60 }, () => true),
  );
  assert.equal(await store.del('1000'), false);
  assert.equal((await lines(path)).length, 161);
  const reopened = new JournalOutgoingStore(path);
  assert.deepEqual(
    (await reopened.list()).map((e) => e.fileId),
    Array.from({ length: 40 }, (_, i) => String(1060 + i)),
  );
  assert.deepEqual(await reopened.get('1099'), await store.get('1099'));
});

test('a put and a del of the same file in one turn leave nothing pending', async (t) => {
  const path = await journalPath(t);
  const store = new JournalOutgoingStore(path, { fsync: true });
  const [, had] = await Promise.all([store.put(entry('1001')), store.del('1001')]);
  assert.equal(had, true);
  assert.deepEqual(await store.list(), []);
  assert.deepEqual(await new JournalOutgoingStore(path).list(), []);
});

test('a torn last record left by a crash is ignored with a log line, and the next record starts clean', async (t) => {
  const path = await journalPath(t);
  const first = new JournalOutgoingStore(path);
  await first.put(entry('1001', 1));
  await first.put(entry('1002', 2));
  await first.close();
  // What a write cut by kill -9 leaves: the start of a record, no newline.
  const torn = JSON.stringify({ op: 'put', entry: entry('1003', 3) }).slice(0, 40);
  await appendFile(path, torn);
  const { logger, warnings } = recordingLogger();
  const second = new JournalOutgoingStore(path, { logger });
  assert.deepEqual(
    (await second.list()).map((e) => e.fileId),
    ['1001', '1002'],
  );
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /torn last record/);
  await second.put(entry('1004', 4));
  await second.close();
  assert.deepEqual(
    (await new JournalOutgoingStore(path).list()).map((e) => e.fileId),
    ['1001', '1002', '1004'],
  );
});

test('an unreadable record inside the journal is skipped with a log line; the others count', async (t) => {
  const path = await journalPath(t);
  const good = (fileId: string) => `${JSON.stringify({ op: 'put', entry: entry(fileId, Number(fileId)) })}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${good('1001')}{"op":"put","entry":{"fi\n${good('1002')}{"op":"del"}\n`);
  const { logger, warnings } = recordingLogger();
  const store = new JournalOutgoingStore(path, { logger });
  assert.deepEqual(
    (await store.list()).map((e) => e.fileId),
    ['1001', '1002'],
  );
  assert.match(warnings.join('\n'), /ignored 2 unreadable record/);
});

test('a journal that is mostly deleted records is rewritten with only the pending entries', async (t) => {
  const path = await journalPath(t);
  const store = new JournalOutgoingStore(path);
  for (let i = 0; i < 50; i++) await store.put(entry(String(1000 + i), i));
  for (let i = 0; i < 45; i++) await store.del(String(1000 + i));
  assert.equal((await lines(path)).length, 95);
  await store.close();
  const kept = await lines(path);
  assert.equal(kept.length, 5);
  assert.ok(kept.every((l) => (JSON.parse(l) as { op: string }).op === 'put'));
  const reopened = new JournalOutgoingStore(path);
  assert.deepEqual(
    (await reopened.list()).map((e) => e.fileId),
    ['1045', '1046', '1047', '1048', '1049'],
  );
  // A journal with few dead records is left alone.
  await reopened.put(entry('2000', 100));
  await reopened.close();
  assert.equal((await lines(path)).length, 6);
});

test('a journal left mostly dead by a crash is compacted when it is opened again', async (t) => {
  const path = await journalPath(t);
  const store = new JournalOutgoingStore(path);
  for (let i = 0; i < 40; i++) await store.put(entry(String(1000 + i), i));
  for (let i = 0; i < 39; i++) await store.del(String(1000 + i));
  // No close: the process died here.
  const reopened = new JournalOutgoingStore(path);
  assert.deepEqual(
    (await reopened.list()).map((e) => e.fileId),
    ['1039'],
  );
  assert.equal((await lines(path)).length, 1);
});

test('a journal that cannot be written rejects the puts with the path and keeps nothing pending', async (t) => {
  const path = await journalPath(t);
  // A directory where the journal should be: every open for append fails.
  await mkdir(path, { recursive: true });
  const store = new JournalOutgoingStore(path);
  await assert.rejects(store.put(entry('1001')), (error: Error) => {
    assert.equal(error.name, 'OutgoingStoreError');
    assert.match(error.message, /outgoing\.jsonl \(EISDIR\)/);
    return true;
  });
  await assert.rejects(store.list(), /EISDIR/);
  await store.close();
});
