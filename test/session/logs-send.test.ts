import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemoryOutgoingStore, Session, createConnector } from '../../src/session/index.js';
import { Marker } from '../../src/markup/index.js';
import { START, TIME_SCALE, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import type { TestEnv } from './support/env.js';
import { demo } from './support/markups.js';

interface Stored {
  sessionId: number | null;
  record: Record<string, unknown>;
}

async function storedLogs(env: TestEnv): Promise<Stored[]> {
  const text = await readFile(
    join(env.dir, 'platform', 'logs', `${env.platform.tokenHash(TOKEN)}.jsonl`),
    'utf8',
  ).catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Stored);
}

async function clientLog(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'client-log.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('after session-close the client sends its log records with logs-send and the platform stores them', async (t) => {
  const env = await setup(t, { count: 2 });
  const session = makeSession(env, demo(), { secrets: [TOKEN] });
  const sessionId = await session.start(START);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish');

  const stored = await storedLogs(env);
  const local = await clientLog(summary.dir ?? '');
  assert.deepEqual(
    stored.map((s) => s.record),
    local,
    'every record of client-log.jsonl, once, in order',
  );
  for (const s of stored) assert.equal(s.sessionId, sessionId);
  const accepted = stored.filter((s) => s.record.event === 'file-accepted').map((s) => s.record.fileId);
  assert.deepEqual(accepted.sort(), env.ids);
  assert.ok(stored.some((s) => s.record.event === 'session-ended' && s.record.reason === 'finish'));
  assert.ok(!JSON.stringify(stored).includes(TOKEN));
});

test('`abort` sends only the records not sent before, from every process of the session', async (t) => {
  const env = await setup(t, { count: 4 });
  const first = makeSession(env, demo());
  first.once('file-accepted', () => void first.stop());
  // 60 s × 0.01 = 600 ms per file: the stop lands between pushes.
  const sessionId = await first.start({ ...START, time: 60 });
  const stopped = await first.done;
  assert.equal(stopped.end.reason, 'stopped');
  assert.deepEqual(await storedLogs(env), [], 'a local stop sends no logs: the session goes on');

  const second = makeSession(env, demo(), { sessionId });
  await second.abort();
  const aborted = await second.done;
  assert.equal(aborted.end.reason, 'client-abort');
  const afterAbort = await storedLogs(env);
  assert.deepEqual(
    afterAbort.map((s) => s.record),
    await clientLog(aborted.dir ?? ''),
  );
  assert.ok(
    afterAbort.some((s) => s.record.event === 'session-started'),
    "the first process's records too",
  );
  assert.ok(afterAbort.some((s) => s.record.event === 'session-ended' && s.record.reason === 'client-abort'));

  // A third process for the same (now closed) session has nothing new but its own records.
  const third = makeSession(env, demo(), { sessionId });
  await assert.rejects(third.abort(), /refused the abort/);
  await third.close();
  const after = await storedLogs(env);
  assert.equal(after.length, afterAbort.length, 'nothing is sent twice');
});

test('a connector without sendLogs ends the session normally and keeps the records on disk', async (t) => {
  const env = await setup(t, { count: 1 });
  const connector = createConnector('socket.io-v2', {
    host: env.host,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  // An older custom connector: everything but sendLogs.
  Object.defineProperty(connector, 'sendLogs', { value: undefined });
  const session = new Session({
    connector,
    marker: new Marker(demo()),
    filesDir: env.filesDir,
    timeScale: TIME_SCALE,
    outgoingStore: () => new MemoryOutgoingStore(),
  });
  await session.start(START);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual(await storedLogs(env), []);
  assert.ok((await clientLog(summary.dir ?? '')).length > 0);
});
