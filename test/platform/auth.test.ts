import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerEvent } from '../../src/protocol/index.js';
import { connectClient, connected, startTestPlatform } from './helpers.js';

test('an accepted token connects and gets no error', async () => {
  const t = await startTestPlatform();
  const client = await connected(t.platform.url, 't1');
  assert.equal(client.raw.connected, true);
  assert.deepEqual(client.log, []);
  await t.cleanup(client);
});

test('an unknown token gets connection-auth-error and a server disconnect', async () => {
  const t = await startTestPlatform();
  const client = connectClient(t.platform.url, 'nope');
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
  assert.equal(await client.lifecycle('disconnect'), 'io server disconnect');
  await t.cleanup(client);
});

test('a missing token gets connection-auth-error naming the query parameter', async () => {
  const t = await startTestPlatform();
  const client = connectClient(t.platform.url);
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token missing: connect with ?token=<TOKEN>',
  });
  assert.equal(await client.lifecycle('disconnect'), 'io server disconnect');
  await t.cleanup(client);
});

test('an empty token is treated as missing', async () => {
  const t = await startTestPlatform();
  const client = connectClient(t.platform.url, '');
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token missing: connect with ?token=<TOKEN>',
  });
  await t.cleanup(client);
});

test('without tokens or a tokens file the platform accepts only "local"', async () => {
  const t = await startTestPlatform({ tokens: undefined });
  const ok = await connected(t.platform.url, 'local');
  assert.deepEqual(ok.log, []);
  const refused = connectClient(t.platform.url, 't1');
  assert.deepEqual(await refused.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
  await t.cleanup(ok, refused);
});
