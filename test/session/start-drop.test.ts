import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createConnector } from '../../src/session/index.js';
import { START, TOKEN, fastReconnect, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';
import { CuttableProxy } from './support/proxy.js';

async function viaProxy(t: Parameters<typeof setup>[0]) {
  // The platform waits 10 s after the last push, so a slow reconnect still ends in `finish`.
  const env = await setup(t, { count: 2, timeoutCloseSec: 1000 });
  const proxy = await CuttableProxy.start(env.platform.port);
  t.after(() => proxy.close());
  const connector = createConnector('socket.io-v2', {
    host: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    reconnect: fastReconnect(),
  });
  return { env, proxy, session: makeSession(env, demo(), { connector }) };
}

test('a drop that loses the answer to session-start still starts: the session is found on reconnect', async (t) => {
  const { env, proxy, session } = await viaProxy(t);
  // The platform has started the session and written its answer; the line drops before it arrives.
  env.platform.once('session-started', () => {
    proxy.cut();
    setImmediate(() => proxy.restore());
  });
  // 60 s × 0.01 = 600 ms between pushes: the client is back before the second push, so its
  // catch-up still finds the first one (pushed into the dropped line) missing.
  const sessionId = await session.start({ ...START, time: 60 });
  assert.equal(sessionId, 1);
  const summary = await session.done;
  assert.equal(summary.end.reason, 'finish', JSON.stringify(summary));
  assert.deepEqual([...summary.accepted].sort(), env.ids);
});

test('a drop that loses session-start itself sends it again after the reconnect', async (t) => {
  const { env, proxy, session } = await viaProxy(t);
  // Cut as soon as the connection is up: the start request goes nowhere.
  session.once('connected', () => {
    proxy.cut();
    setImmediate(() => proxy.restore());
  });
  const sessionId = await session.start(START);
  assert.equal(sessionId, 1);
  const summary = await session.done;
  assert.deepEqual([...summary.accepted].sort(), env.ids);
});
