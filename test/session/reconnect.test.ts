import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { MemoryOutgoingStore, createConnector } from '../../src/session/index.js';
import type { OutgoingEntry, Session, SessionEvents } from '../../src/session/index.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import { demo, gated } from './support/markups.js';
import { CuttableProxy } from './support/proxy.js';

test('a connection dropped mid-session loses no file: the missed push is asked for again on reconnect', async (t) => {
  const env = await setup(t, { count: 4, timeoutCloseSec: 1000 });
  const proxy = await CuttableProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  const session = makeSession(env, demo(), { connector });
  let reconnects = 0;
  session.on('connected', ({ reconnect }) => (reconnects += reconnect ? 1 : 0));

  // Cut as the first file arrives, keep the line down until a push goes undelivered (or the last
  // one was pushed: a loaded machine may see the drop late).
  session.once('file-received', () => proxy.cut());
  env.platform.on('file-pushed', ({ delivered, index }) => {
    if (!delivered || index === env.ids.length - 1) proxy.restore();
  });
  await session.start(START);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.ok(reconnects >= 1);
  assert.deepEqual((await readdir(join(summary.dir ?? '', 'input'))).length, 4);
});

test('an answer made while offline stays in the outgoing store and is resent after the reconnect', async (t) => {
  // A clock that never moves: no deadline passes however long the drop and the reconnect take, so
  // the answer is the markup's (not the deadline's fallback) and arrives on time.
  const clock = new ManualClock();
  const env = await setup(t, { count: 1, clock });
  const proxy = await CuttableProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  const gate = gated();
  let stored!: () => void;
  const storedP = new Promise<void>((resolve) => (stored = resolve));
  class ObservedStore extends MemoryOutgoingStore {
    override async put(entry: OutgoingEntry): Promise<void> {
      await super.put(entry);
      stored();
    }
  }
  const store = new ObservedStore();
  const session = makeSession(env, gate.markup, { connector, outgoingStore: () => store, clock });
  const sends: boolean[] = [];
  session.on('file-sent', ({ resend }) => sends.push(resend));
  const statuses: string[] = [];
  env.platform.on('file-answered', (a) => statuses.push(a.status));

  await session.start({ ...START, time: 60 });
  await gate.started;
  const down = next(session, 'disconnected');
  proxy.cut();
  await down;
  gate.release();
  await storedP;
  assert.equal((await store.list()).length, 1);
  proxy.restore();
  const summary = await session.done;
  assert.deepEqual(sends, [true]);
  assert.deepEqual(summary.accepted, env.ids);
  assert.deepEqual(await store.list(), []);
  assert.deepEqual(statuses, ['on-time']);
});

function next<E extends keyof SessionEvents>(session: Session, event: E): Promise<SessionEvents[E]> {
  return new Promise((resolve) => session.once(event, (...args) => resolve(args)));
}
