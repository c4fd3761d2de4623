import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConnector } from '../../src/session/index.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';
import { CuttableProxy } from './support/proxy.js';

test('after a drop that missed several pushes, the client repeats until it has every missed file', async (t) => {
  const env = await setup(t, { count: 5, timeoutCloseSec: 1000 });
  const proxy = await CuttableProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  const session = makeSession(env, demo(), { connector });
  const statuses = new Map<string, string>();
  env.platform.on('file-answered', ({ fileId, status }) => statuses.set(fileId, status));

  // Down as the first file arrives, up again once three pushes went undelivered (or the last one
  // was pushed: on a loaded machine the platform may see the drop late).
  session.once('file-received', () => proxy.cut());
  let undelivered = 0;
  env.platform.on('file-pushed', ({ delivered, index }) => {
    if (!delivered) undelivered += 1;
    if (undelivered >= 3 || index === env.ids.length - 1) proxy.restore();
  });
  await session.start(START);
  const summary = await session.done;
  assert.ok(
    undelivered >= 3,
    `${undelivered} undelivered ${JSON.stringify(summary)} ${JSON.stringify([...statuses])}`,
  );
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.deepEqual([...statuses.keys()].sort(), env.ids);
});
