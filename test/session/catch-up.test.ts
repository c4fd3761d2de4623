import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { createConnector } from '../../src/session/index.js';
import { recorder } from '../support/events.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';
import { CuttableProxy } from './support/proxy.js';

test('after a drop that missed several pushes, the client repeats until it has every missed file', async (t) => {
  // Pushes come when the test moves the clock (10 s per file, unscaled), so exactly three of them
  // fall in the drop however slow the machine is.
  const clock = new ManualClock();
  const env = await setup(t, { count: 5, timeoutCloseSec: 1000, timeScale: 1, clock });
  const proxy = await CuttableProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  const session = makeSession(env, demo(), { connector, clock, timeScale: 1 });
  const statuses = new Map<string, string>();
  env.platform.on('file-answered', ({ fileId, status }) => statuses.set(fileId, status));
  const pushed = recorder<boolean>('pushes');
  env.platform.on('file-pushed', ({ delivered }) => pushed.add(delivered));
  const closed = recorder<string>('closed connections at the platform');
  env.platform.on('connection-closed', () => closed.add('closed'));
  const received = recorder<string>('received files');
  session.on('file-received', ({ fileId }) => received.add(fileId));
  const marked = recorder<string>('marked files');
  session.on('file-marked', ({ fileId }) => marked.add(fileId));
  const down = recorder<string>('disconnects');
  session.on('disconnected', () => down.add('down'));

  // Down as the first file arrives; both ends see it and the first file is marked before time moves.
  session.once('file-received', () => proxy.cut());
  await session.start({ ...START, time: 10 });
  await Promise.all([
    closed.count(1, session.done),
    down.count(1, session.done),
    marked.count(1, session.done),
  ]);
  for (let i = 0; i < 3; i++) clock.advance(10_000);
  assert.deepEqual(pushed.seen, [true, false, false, false]);
  proxy.restore();
  // The client asks again for what it missed and gets each of the three.
  await received.count(4, session.done);
  clock.advance(10_000); // the last push, to a connected client
  const summary = await session.done;
  assert.deepEqual(pushed.seen, [true, false, false, false, true]);
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.deepEqual([...statuses.keys()].sort(), env.ids);
  assert.deepEqual([...received.seen].sort(), env.ids);
});
