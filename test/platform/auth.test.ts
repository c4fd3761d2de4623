import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import {
  START_ALGO,
  captureLogger,
  connectClient,
  connected,
  markedAnswer,
  startTestPlatform,
} from './helpers.js';

test('an accepted token connects and gets no error', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, 't1');
  assert.equal(client.raw.connected, true);
  assert.deepEqual(client.log, []);
});

test('an unknown token gets connection-auth-error and a server disconnect', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = connectClient(t.platform.url, 'nope');
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
  assert.equal(await client.lifecycle('disconnect'), 'io server disconnect');
});

test('a missing token gets connection-auth-error naming the query parameter', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = connectClient(t.platform.url);
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token missing: connect with ?token=<TOKEN>',
  });
  assert.equal(await client.lifecycle('disconnect'), 'io server disconnect');
});

test('an empty token is treated as missing', async (ctx) => {
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const client = connectClient(t.platform.url, '');
  assert.deepEqual(await client.next(ServerEvent.connectionAuthError), {
    message: 'token missing: connect with ?token=<TOKEN>',
  });
});

test('without tokens or a tokens file the platform accepts only "local"', async (ctx) => {
  const t = await startTestPlatform({ tokens: undefined });
  ctx.after(() => t.cleanup());
  const ok = await connected(t.platform.url, 'local');
  assert.deepEqual(ok.log, []);
  const refused = connectClient(t.platform.url, 't1');
  assert.deepEqual(await refused.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
});

test('tokens can come from a file, one per line, with comments and blank lines', async (ctx) => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'readable-tokens-'));
  ctx.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'tokens.txt');
  await writeFile(file, '# team tokens\nfrom-file-1\n\n  from-file-2  \n');
  const t = await startTestPlatform({ tokens: undefined, tokensFile: file });
  ctx.after(() => t.cleanup());
  assert.equal(t.platform.tokenCount, 2);
  const ok = await connected(t.platform.url, 'from-file-2');
  assert.deepEqual(ok.log, []);
  const refused = connectClient(t.platform.url, 'local');
  assert.deepEqual(await refused.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
});

test('the raw token never reaches the log or the files on disk', async (ctx) => {
  const { readFile, readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const secret = 'very-secret-token-4242';
  const log = captureLogger();
  const t = await startTestPlatform({ tokens: [secret], logger: log.logger });
  ctx.after(() => t.cleanup());
  const client = await connected(t.platform.url, secret);
  client.emit(ClientEvent.start, START_ALGO);
  await client.next(ServerEvent.startSuccess);
  const file = await client.next(ServerEvent.fileAvailable);
  client.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: file.fileId,
    content: markedAnswer(file.content),
  });
  await client.next(ServerEvent.fileSendSuccess);
  client.emit(ClientEvent.logsSend, { logs: [{ msg: 'hi' }] });
  await client.next(ServerEvent.logsSendSuccess);
  const bad = connectClient(t.platform.url, `${secret}-wrong`);
  await bad.next(ServerEvent.connectionAuthError);
  await t.platform.abortSession(secret);
  const files = (await readdir(t.dataDir, { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  );
  assert.ok(files.length >= 3);
  for (const entry of files) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    assert.ok(!text.includes(secret), `${entry.name} holds the token`);
  }
  assert.ok(log.raw().length > 0);
  assert.ok(
    log.raw().every((line) => !line.includes(secret)),
    log.raw().join('\n'),
  );
});

test('a platform without any accepted token refuses to start', async () => {
  await assert.rejects(startTestPlatform({ tokens: [] }), {
    name: 'PlatformOptionsError',
    message: '`tokens` must list at least one token',
  });
});
