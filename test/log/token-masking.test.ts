import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, maskToken } from '../../src/log/index.js';
import { ConsoleCollector, jsonLines, readLogFiles, withTempDir } from './support.js';

// Characters that change under URL and JSON encoding, so every spelling of the token gets checked.
const TOKEN = 'tok3n/with+special="chars"-SECRET-9f8e';
const SPELLINGS = [TOKEN, encodeURIComponent(TOKEN), JSON.stringify(TOKEN).slice(1, -1), 'SECRET'];
const MASK = maskToken(TOKEN);

class TokenError extends Error {
  token = TOKEN;
}

/** Logs the token in every shape a call site could produce, without masking anything itself. */
function logTheTokenEverywhere(logger: ReturnType<typeof createLogger>): void {
  const log = logger.child({ module: 'session' });
  const url = `https://ds.readable.upgreat.one/pku?token=${encodeURIComponent(TOKEN)}&version=2`;
  log.info({ token: TOKEN }, 'field value');
  log.info({ query: { token: TOKEN, version: 2 } }, 'query field');
  log.info({ options: { auth: { token: TOKEN } } }, 'nested two levels');
  log.info({ a: { b: { c: { d: `prefix ${TOKEN} suffix` } } } }, 'deep string');
  log.info({ list: ['x', TOKEN, { inner: TOKEN }] }, 'array');
  log.info({ [TOKEN]: 'as a key' }, 'key');
  log.info({ url }, 'connecting');
  log.info(`connecting to ${url}`);
  log.info('interpolated %s and %o', TOKEN, { token: TOKEN });
  log.warn(`raw token in message: ${TOKEN}`);
  log.error(new Error(`auth failed for ${TOKEN}`));
  log.error({ err: new TokenError(`rejected ${url}`) }, 'error with a token property');
  log.error({ error: new Error('wrapped', { cause: new Error(`cause ${TOKEN}`) }) }, 'error with a cause');
  log.child({ token: TOKEN, sessionId: 5 }).info(`session bound with ${TOKEN}`);
  log.child({ sessionId: 5 }).debug({ payload: { content: TOKEN } }, 'debug payload');
}

test('a known token never reaches the console or any of the three files', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: true, secrets: [TOKEN], console });
    logTheTokenEverywhere(logger);
    logger.flush();
    logger.close();
    const files = await readLogFiles(dir);
    const outputs = { console: console.text, info: files.info, sessions: files.sessions, debug: files.debug };
    for (const [name, text] of Object.entries(outputs)) {
      assert.ok(text && text.length > 0, `${name} has lines`);
      for (const spelling of SPELLINGS)
        assert.equal(text.includes(spelling), false, `${name} leaks ${spelling}`);
      assert.ok(text.includes(MASK), `${name} shows the mask`);
    }
    assert.equal(jsonLines(files.debug).length, 15, 'every record reached the debug file');
  });
});

test('messages, URLs, error messages and stacks keep their text around the mask', async () => {
  await withTempDir(async (dir) => {
    const logger = createLogger({ logDir: dir, debug: true, secrets: [TOKEN], console: false });
    logTheTokenEverywhere(logger);
    logger.close();
    const records = jsonLines((await readLogFiles(dir)).debug);
    const byMsg = new Map(records.map((r) => [r.msg, r]));
    assert.equal(MASK, '****9f8e');
    assert.deepEqual(byMsg.get('field value')?.token, MASK);
    assert.deepEqual(byMsg.get('query field')?.query, { token: MASK, version: 2 });
    assert.deepEqual(byMsg.get('nested two levels')?.options, { auth: { token: MASK } });
    assert.equal(byMsg.get('connecting')?.url, `https://ds.readable.upgreat.one/pku?token=${MASK}&version=2`);
    assert.ok(byMsg.has(`raw token in message: ${MASK}`));
    const authError = byMsg.get(`auth failed for ${MASK}`)?.err as { message: string; stack: string };
    assert.equal(authError.message, `auth failed for ${MASK}`);
    assert.match(authError.stack, new RegExp(`^Error: auth failed for \\*{4}9f8e\\n\\s+at `));
  });
});

test('a token field is masked even when the token is not a known secret', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: true, console });
    logger.info({ token: 'some-other-token-0042', query: { token: 'short' } }, 'unknown token');
    logger.close();
    const [record] = jsonLines((await readLogFiles(dir)).debug);
    assert.equal(record?.token, '****0042');
    assert.deepEqual(record?.query, { token: '****' });
    assert.doesNotMatch(console.text, /some-other-token|short/);
  });
});

test('several secrets are all masked', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({
      logDir: dir,
      debug: false,
      secrets: ['first-secret-1111', 'second-secret-2222', ''],
      console,
    });
    logger.info('first-secret-1111 and second-secret-2222');
    logger.close();
    assert.match(console.text, / info {2}\*{4}1111 and \*{4}2222\n$/);
  });
});
