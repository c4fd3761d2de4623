import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newEntry } from '../../../src/session/index.js';
import type { OutgoingStore } from '../../../src/session/index.js';

/** The behaviour every `OutgoingStore` must have; run it against each implementation. */
export function outgoingStoreContract(
  name: string,
  build: () => Promise<{ store: OutgoingStore; reopen?: () => OutgoingStore }>,
): void {
  const entry = (fileId: string, putAt: number) => ({
    ...newEntry({ fileId, sessionId: 7, content: `{"id":"${fileId}"}` }),
    putAt,
  });

  test(`${name}: put then get returns an equal entry`, async () => {
    const { store } = await build();
    const e = entry('000101', 1);
    await store.put(e);
    assert.deepEqual(await store.get('000101'), e);
    assert.equal(await store.get('000999'), undefined);
  });

  test(`${name}: del removes the entry and says whether it was there`, async () => {
    const { store } = await build();
    await store.put(entry('000101', 1));
    assert.equal(await store.del('000101'), true);
    assert.equal(await store.del('000101'), false);
    assert.equal(await store.get('000101'), undefined);
  });

  test(`${name}: list returns what is left, oldest first`, async () => {
    const { store } = await build();
    await store.put(entry('000103', 3));
    await store.put(entry('000101', 1));
    await store.put(entry('000102', 2));
    await store.del('000102');
    assert.deepEqual(
      (await store.list()).map((e) => e.fileId),
      ['000101', '000103'],
    );
  });

  test(`${name}: a second put for the same file replaces the first`, async () => {
    const { store } = await build();
    await store.put(entry('000101', 1));
    const newer = { ...entry('000101', 5), content: '{"v":2}' };
    await store.put(newer);
    assert.deepEqual(await store.list(), [newer]);
  });

  test(`${name}: entries returned are copies, not the stored objects`, async () => {
    const { store } = await build();
    await store.put(entry('000101', 1));
    const got = await store.get('000101');
    if (got) got.content = 'changed';
    assert.notEqual((await store.get('000101'))?.content, 'changed');
  });

  test(`${name}: entries survive reopening when the store is durable`, async (t) => {
    const { store, reopen } = await build();
    if (!reopen) return t.skip('memory store: not durable by design');
    await store.put(entry('000101', 1));
    await store.close();
    assert.deepEqual(
      (await reopen().list()).map((e) => e.fileId),
      ['000101'],
    );
  });
}
