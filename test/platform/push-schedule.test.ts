import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent, PlatformOptionsError, startPlatform } from '../../src/platform/index.js';
import type { PlatformEventMap } from '../../src/platform/index.js';
import { START_ALGO, connected, ids, markedAnswer, startTestPlatform } from './helpers.js';

const TEN_FILES = ids(10);

test('pushIntervalSec 0 pushes every file at once, in order, each with the full file time', async (ctx) => {
  const t = await startTestPlatform({ pushIntervalSec: 0 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const pushes: PlatformEventMap['file-pushed'][] = [];
  t.platform.on(PlatformEvent.filePushed, (p) => pushes.push(p));
  const start = t.clock.now();
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const files = [];
  for (const _ of TEN_FILES) files.push(await client.next(ServerEvent.fileAvailable));
  assert.deepEqual(
    files.map((f) => f.fileId),
    TEN_FILES,
    'every file, in dataset order, without the clock moving',
  );
  assert.deepEqual(
    pushes.map((p) => p.deadline),
    TEN_FILES.map(() => start + 10_000),
  );
  for (const f of files) {
    client.emit(ClientEvent.fileSend, { sessionId: 1, fileId: f.fileId, content: markedAnswer(f.content) });
    assert.equal((await client.next(ServerEvent.fileSendSuccess)).fileId, f.fileId);
  }
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'finish' });
  const report = await t.platform.report(1);
  assert.equal(report?.totals.onTime, 10);
});

test('a push interval shorter than the file time makes files overlap; deadlines stay `time` after each push', async (ctx) => {
  const t = await startTestPlatform({ pushIntervalSec: 4 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const pushes: PlatformEventMap['file-pushed'][] = [];
  t.platform.on(PlatformEvent.filePushed, (p) => pushes.push(p));
  const start = t.clock.now();
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, TEN_FILES[0]);
  for (const [i, id] of TEN_FILES.entries()) {
    if (i === 0) continue;
    t.clock.advance(3_999);
    assert.equal(pushes.length, i, `file ${i + 1} must not come before its interval`);
    t.clock.advance(1);
    assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, id);
  }
  assert.deepEqual(
    pushes.map((p) => p.deadline),
    TEN_FILES.map((_, i) => start + i * 4_000 + 10_000),
  );
});

test('without pushIntervalSec the platform pushes one file per `time`, as before', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const pushes: PlatformEventMap['file-pushed'][] = [];
  t.platform.on(PlatformEvent.filePushed, (p) => pushes.push(p));
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  t.clock.advance(9_999);
  assert.equal(pushes.length, 1);
  t.clock.advance(1);
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, TEN_FILES[1]);
});

test('a negative or non-finite pushIntervalSec is refused before the platform starts', async (ctx) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'readable-push-'));
  ctx.after(() => rm(dataDir, { recursive: true, force: true }));
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    await assert.rejects(
      startPlatform({ dataDir, pushIntervalSec: bad }),
      (error: unknown) => error instanceof PlatformOptionsError && /pushIntervalSec/.test(error.message),
    );
  }
});
