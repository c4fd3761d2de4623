import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { START_ALGO, connected, essayObject, platformEvent, startTestPlatform } from './helpers.js';

test('an algorithmic start answers session-start-success and pushes the first file right after', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const started = platformEvent(t.platform, PlatformEvent.sessionStarted);
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  assert.deepEqual(await client.next(ServerEvent.fileAvailable), {
    sessionId: 1,
    fileId: '1001',
    content: essayObject({ id: '1001' }),
  });
  assert.deepEqual(
    client.log.map(([name]) => name),
    [ServerEvent.startSuccess, ServerEvent.fileAvailable],
  );
  assert.equal((await started).files, 10);
});

test('numbers as strings and any letter case are coerced', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.start, {
    type: 'Algorithmic',
    params: { dsType: 'TRAIN', countFiles: '10', lang: 'Rus', time: '20' },
  });
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  const pushed = platformEvent(t.platform, PlatformEvent.filePushed, (p) => p.index === 1);
  t.clock.advance(19_999);
  assert.equal(t.platform.sessions()[0]?.pushed, 1);
  t.clock.advance(1);
  assert.equal((await pushed).fileId, '1002');
});

const outOfRange: [string, Record<string, unknown>, string][] = [
  ['countFiles below the range', { countFiles: 5 }, 'params.countFiles must be from 10 to 1000 (got 5)'],
  [
    'countFiles above the range',
    { countFiles: '1001' },
    'params.countFiles must be from 10 to 1000 (got 1001)',
  ],
  ['time below the range', { time: 9 }, 'params.time must be from 10 to 60 (got 9)'],
  ['time above the range', { time: '61' }, 'params.time must be from 10 to 60 (got 61)'],
  [
    'a fractional countFiles',
    { countFiles: 10.5 },
    'params.countFiles must be an integer from 10 to 1000 (got 10.5)',
  ],
  ['an unknown lang', { lang: 'fra' }, 'params.lang must be one of rus, eng, all (got "fra")'],
  ['an unknown dsType', { dsType: 'dev' }, 'params.dsType must be one of train, test (got "dev")'],
];

for (const [what, change, message] of outOfRange) {
  test(`${what} gets session-start-error naming the field and the range`, async (ctx) => {
    const t = await startTestPlatform();
    ctx.after(() => t.cleanup());
    const client = await connected(t.platform.url, 't1');
    client.emitRaw(ClientEvent.start, { type: 'algorithmic', params: { ...START_ALGO.params, ...change } });
    assert.deepEqual(await client.next(ServerEvent.startError), { message });
    assert.deepEqual(t.platform.sessions(), []);
  });
}

test('an unknown session type gets session-start-error listing the types', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.start, { type: 'training' });
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'type must be one of algorithmic, technical, final (got "training")',
  });
});

test('countFiles is capped by what the dataset has for dsType and lang', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const a = await connected(t.platform.url, 't1');
  const b = await connected(t.platform.url, 't2');
  const eng = platformEvent(t.platform, PlatformEvent.sessionStarted, (p) => p.sessionId === 1);
  a.emit(ClientEvent.start, {
    type: 'algorithmic',
    params: { dsType: 'train', countFiles: 100, lang: 'eng', time: 10 },
  });
  assert.deepEqual(await a.next(ServerEvent.startSuccess), { sessionId: 1 });
  assert.equal((await eng).files, 3);
  const all = platformEvent(t.platform, PlatformEvent.sessionStarted, (p) => p.sessionId === 2);
  b.emit(ClientEvent.start, {
    type: 'algorithmic',
    params: { dsType: 'train', countFiles: 100, lang: 'all', time: 10 },
  });
  assert.deepEqual(await b.next(ServerEvent.startSuccess), { sessionId: 2 });
  assert.equal((await all).files, 15);
});

test('a dsType × lang with no essays gets session-start-error', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, {
    type: 'algorithmic',
    params: { dsType: 'test', countFiles: 10, lang: 'eng', time: 10 },
  });
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'the dataset has no essays for dsType test and lang eng',
  });
});

test('a start while a session is active gets session-start-error naming the active session', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  client.emit(ClientEvent.start, START_ALGO);
  assert.deepEqual(await client.next(ServerEvent.startError), {
    message: 'session 1 is still active: finish or abort it before starting another',
  });
});

test('a technical session serves train essays of both languages at 60 s per file', async (ctx) => {
  const t = await startTestPlatform({ technicalFiles: 4 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  const started = platformEvent(t.platform, PlatformEvent.sessionStarted);
  client.emit(ClientEvent.start, { type: 'technical' });
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  assert.deepEqual(await started, {
    sessionId: 1,
    tokenHash: (await started).tokenHash,
    type: 'technical',
    files: 4,
  });
  await client.next(ServerEvent.fileAvailable);
  t.clock.advance(59_999);
  assert.equal(t.platform.sessions()[0]?.pushed, 1);
  t.clock.advance(1);
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, '2001');
});

test('a final session serves test essays at the final time from the options', async (ctx) => {
  const t = await startTestPlatform({ finalTimeSec: 30, finalFiles: 3 });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  client.emitRaw(ClientEvent.start, { type: 'FINAL' });
  assert.deepEqual(await client.next(ServerEvent.startSuccess), { sessionId: 1 });
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, '3001');
  t.clock.advance(30_000);
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, '3002');
  t.clock.advance(30_000);
  assert.equal((await client.next(ServerEvent.fileAvailable)).fileId, '3003');
  t.clock.advance(30_000);
  assert.equal(t.platform.sessions()[0]?.pushed, 3);
});
