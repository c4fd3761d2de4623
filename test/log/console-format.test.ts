import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLine, silentLogger } from '../../src/log/index.js';

// A fixed local time, so the expected HH:MM:SS does not depend on the clock or the time zone.
const time = new Date(2024, 4, 6, 7, 8, 9).toISOString();

test('a line reads time, level, module, message, then the fields', () => {
  assert.equal(
    formatLine({
      level: 'info',
      time,
      pid: 1,
      module: 'session',
      msg: 'file received',
      sessionId: 17,
      fileId: '000105',
    }),
    '07:08:09 info  [session] file received sessionId=17 fileId=000105\n',
  );
});

test('the module and an empty message are left out', () => {
  assert.equal(formatLine({ level: 'warn', time, msg: '', late: true }), '07:08:09 warn  late=true\n');
});

test('strings with spaces or quotes are quoted, objects are compact JSON', () => {
  assert.equal(
    formatLine({
      level: 'debug',
      time,
      msg: 'sent',
      path: 'a b',
      quote: 'say "hi"',
      payload: { a: [1, 2] },
      none: null,
    }),
    '07:08:09 debug sent path="a b" quote="say \\"hi\\"" payload={"a":[1,2]} none=null\n',
  );
});

test('an error shows as its type and message on one line', () => {
  const err = {
    type: 'ConfigError',
    message: 'Invalid configuration',
    stack: 'ConfigError: Invalid...\n    at x',
  };
  assert.equal(
    formatLine({ level: 'error', time, msg: 'cannot start', err }),
    '07:08:09 error cannot start err="ConfigError: Invalid configuration"\n',
  );
});

test('the silent logger accepts every call and closes without effect', () => {
  const logger = silentLogger();
  assert.equal(logger.level, 'silent');
  logger.child({ module: 'x', sessionId: 1 }).error(new Error('nowhere'));
  logger.close();
  logger.close();
});
