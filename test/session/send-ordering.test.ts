import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemoryOutgoingStore } from '../../src/session/index.js';
import type { Durability, OutgoingEntry } from '../../src/session/index.js';
import { START, makeSession, setup } from './support/env.js';
import { inline } from './support/markups.js';

for (const durability of ['atomic', 'fsync-input', 'fsync-all'] as const satisfies readonly Durability[])
  test(`[${durability}] an answer goes out only once its input is saved; the output and the outgoing entry are written by the time the file is done`, async (t) => {
    const env = await setup(t, { count: 4, timeoutCloseSec: 1000 });
    const session = makeSession(env, inline(), { durability });
    const saved = new Set<string>();
    const order: string[] = [];
    session.on('file-saved', ({ fileId }) => saved.add(fileId));
    session.on('file-sent', ({ fileId }) => {
      // Checked in the very tick the answer went on the wire.
      order.push(fileId);
      assert.ok(saved.has(fileId), `file ${fileId} was sent before file-saved`);
      assert.ok(
        existsSync(session.store.inputPath(session.sessionId!, fileId)),
        `file ${fileId} was sent before its input was on disk`,
      );
      if (durability === 'fsync-all')
        assert.ok(
          existsSync(session.store.outputPath(session.sessionId!, fileId)),
          'fsync-all: output first',
        );
    });
    await session.start(START);
    const summary = await session.done;
    assert.deepEqual([...summary.accepted].sort(), env.ids);
    assert.deepEqual([...order].sort(), env.ids);
    for (const fileId of env.ids) {
      const output = await readFile(session.store.outputPath(session.sessionId!, fileId), 'utf8');
      assert.equal((JSON.parse(output) as { selections: unknown[] }).selections.length, 1);
    }
  });

/** An outgoing store that cannot write: every put and del fails, as on a full disk. */
class BrokenStore extends MemoryOutgoingStore {
  puts = 0;
  override async put(_entry: OutgoingEntry): Promise<void> {
    this.puts += 1;
    throw new Error('no space left on device');
  }
  override async del(_fileId: string): Promise<boolean> {
    throw new Error('no space left on device');
  }
}

test('when the output file and the outgoing entry cannot be written after the send, every file is still answered exactly once', async (t) => {
  const env = await setup(t, { count: 4, timeoutCloseSec: 1000 });
  const store = new BrokenStore();
  const session = makeSession(env, inline(), { outgoingStore: () => store });
  const answers = new Map<string, number>();
  env.platform.on('file-answered', ({ fileId }) => answers.set(fileId, (answers.get(fileId) ?? 0) + 1));
  session.on('started', ({ sessionId }) => {
    // A regular file where output/ should be: every output write fails (ENOTDIR).
    const dir = session.store.sessionDir(sessionId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'output'), '');
  });
  const failures: string[] = [];
  session.on('file-failed', ({ fileId }) => failures.push(fileId));
  await session.start(START);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.deepEqual(failures, []);
  assert.equal(store.puts, env.ids.length, 'every answer was put (and failed) once');
  for (const fileId of env.ids) assert.equal(answers.get(fileId), 1, `file ${fileId} answered once`);
  // The inputs are on disk whatever happened to the answers.
  for (const fileId of env.ids) assert.ok(existsSync(session.store.inputPath(session.sessionId!, fileId)));
});
