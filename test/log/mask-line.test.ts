import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, maskToken } from '../../src/log/index.js';
import { jsonLineMasker } from '../../src/log/mask-line.js';
import { ConsoleCollector, jsonLines, readLogFiles, withTempDir } from './support.js';

test('a serialised line is masked without parsing it, at every escaping depth, and stays valid JSON', () => {
  // Ends in characters JSON escapes, so the mask itself needs escaping inside the line.
  const secret = 'secret-token-"q\\"';
  const mask = jsonLineMasker([secret]);
  assert.ok(mask);
  const record = {
    plain: secret,
    url: `https://h/p?token=${encodeURIComponent(secret)}`,
    nested: JSON.stringify({ token: secret }),
    twice: JSON.stringify(JSON.stringify({ token: secret })),
    [secret]: 'as a key',
  };
  const masked = mask(JSON.stringify(record));
  const back = JSON.parse(masked) as Record<string, string>;
  const expected = maskToken(secret);
  assert.equal(back.plain, expected);
  assert.equal(back.url, `https://h/p?token=${expected}`);
  assert.deepEqual(JSON.parse(back.nested!), { token: expected });
  assert.deepEqual(JSON.parse(JSON.parse(back.twice!) as string), { token: expected });
  assert.equal(back[expected], 'as a key');
  assert.equal(masked.includes('secret-token'), false);
  assert.equal(jsonLineMasker(['', '']), undefined, 'nothing to mask: no hook at all');
});

test('a secret that contains another is replaced whole', () => {
  const mask = jsonLineMasker(['abcd-1234-long-secret', 'long-secret'])!;
  assert.equal(mask('"x abcd-1234-long-secret y"'), `"x ${maskToken('abcd-1234-long-secret')} y"`);
});

test('JSON lines reach the sessions and debug files exactly as pino wrote them, masked; lines from elsewhere are routed too', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const secret = 'route-secret-7777';
    const logger = createLogger({ logDir: dir, debug: true, secrets: [secret], console });
    const session = logger.child({ module: 'session', sessionId: 3 });
    session.debug({ fileId: '1', content: `x${secret}x` }, 'payload');
    session.info({ fileId: '1' }, 'received');
    logger.info({ sessionId: 4 }, 'bound by a field');
    logger.info('not bound');
    logger.close();
    const files = await readLogFiles(dir);
    const sessions = jsonLines(files.sessions);
    assert.deepEqual(
      sessions.map((r) => [r.msg, r.sessionId]),
      [
        ['payload', 3],
        ['received', 3],
        ['bound by a field', 4],
      ],
    );
    assert.equal(sessions[0]?.content, `x${maskToken(secret)}x`);
    assert.equal(jsonLines(files.debug).length, 4);
    assert.equal(console.text.split('\n').filter((l) => l !== '').length, 3);
    assert.equal(`${files.debug}${files.sessions}${console.text}`.includes(secret), false);
  });
});
