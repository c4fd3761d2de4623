import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { systemClock } from '../../src/clock/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import type { PlatformEventMap } from '../../src/platform/index.js';
import { START_ALGO, connected, essayObject, ids, platformEvent, startTestPlatform } from './helpers.js';

test('files are pushed one every `time` seconds, each with its own deadline', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const pushes: PlatformEventMap['file-pushed'][] = [];
  t.platform.on(PlatformEvent.filePushed, (p) => pushes.push(p));
  const start = t.clock.now();
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  for (const [i, id] of ids(10).entries()) {
    if (i > 0) {
      t.clock.advance(9_999);
      assert.equal(pushes.length, i, `file ${i + 1} must not come before its time`);
      t.clock.advance(1);
    }
    assert.deepEqual(await client.next(ServerEvent.fileAvailable), {
      sessionId: 1,
      fileId: id,
      content: essayObject({ id }),
    });
  }
  assert.deepEqual(
    pushes.map((p) => ({ fileId: p.fileId, index: p.index, delivered: p.delivered, deadline: p.deadline })),
    ids(10).map((fileId, index) => ({
      fileId,
      index,
      delivered: true,
      deadline: start + (index + 1) * 10_000,
    })),
  );
  t.clock.advance(60_000);
  assert.equal(client.pending(ServerEvent.fileAvailable), 0, 'no eleventh file');
});

test('the time scale runs a 10 s/file session in milliseconds on the real clock with the same rules', async (ctx) => {
  const t = await startTestPlatform({ clock: systemClock, timeScale: 0.001 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const ended = platformEvent(t.platform, PlatformEvent.sessionEnded);
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  for (const id of ids(10)) assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, id);
  // Nothing answered: 300 s × 0.001 after the last push the session times out.
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId: 1, type: 'timeout-close' });
  const { report } = await ended;
  assert.equal(report.timeScale, 0.001);
  assert.equal(report.fileTimeSec, 10);
  for (const f of report.files) assert.equal(Date.parse(f.deadline) - Date.parse(f.pushedAt), 10);
  assert.deepEqual(report.totals, {
    planned: 10,
    pushed: 10,
    onTime: 0,
    late: 0,
    missing: 10,
    invalid: 0,
    pending: 0,
  });
});

test('a file pushed with no connection attached keeps its schedule and deadline but is not delivered', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  const gone = platformEvent(t.platform, PlatformEvent.connectionClosed);
  client.close();
  await gone;
  const pushed = platformEvent(t.platform, PlatformEvent.filePushed);
  t.clock.advance(10_000);
  const p = await pushed;
  assert.deepEqual(p, {
    sessionId: 1,
    fileId: '1002',
    index: 1,
    delivered: false,
    deadline: t.clock.now() + 10_000,
  });
});
