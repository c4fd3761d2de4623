import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, isConfigError, loadConfig } from '../../src/config/index.js';
import { isToolkitError } from '../../src/errors.js';

/** The problems loadConfig reports for these variables (no env file is involved: cwd has none). */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ cwd: import.meta.dirname, env });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('loadConfig accepted the configuration');
}

const BOOLEAN_PROBLEM = 'is not a boolean; use one of 1, 0, true, false, yes, no, on, off';

test('every boolean variable names itself, the bad value and the accepted words', () => {
  for (const name of ['DEBUG', 'SESSION_IS_ONLY_SAVE_FILES', 'CHECK_DIRECTORY_ANSWER', 'TLS_INSECURE']) {
    assert.deepEqual(problemsOf({ [name]: 'maybe' }), [`${name}: "maybe" ${BOOLEAN_PROBLEM}`]);
  }
});

test('booleans accept the usual words in any letter case', () => {
  const cases: Array<[string, boolean]> = [
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['False', false],
    ['yes', true],
    ['NO', false],
    ['On', true],
    ['off', false],
  ];
  for (const [word, expected] of cases) {
    assert.equal(
      loadConfig({ cwd: import.meta.dirname, env: { TLS_INSECURE: word } }).tlsInsecure,
      expected,
      word,
    );
  }
});

test('only protocol version 2 is supported', () => {
  assert.equal(
    loadConfig({ cwd: import.meta.dirname, env: { SESSION_WS_PROTOCOL_VERSION: '2' } }).wsProtocolVersion,
    2,
  );
  for (const value of ['3', '4', '2.0', 'two']) {
    assert.deepEqual(problemsOf({ SESSION_WS_PROTOCOL_VERSION: value }), [
      `SESSION_WS_PROTOCOL_VERSION: ${JSON.stringify(value)} is not supported; the only supported version is 2 (Socket.IO protocol 2, which the platform speaks)`,
    ]);
  }
});

test('the demo delay must be a number of seconds >= 0', () => {
  assert.equal(
    loadConfig({ cwd: import.meta.dirname, env: { DEBUG_MAX_MARKUP_DEMO_DELAY: '0' } }).demoMaxDelaySec,
    0,
  );
  assert.equal(
    loadConfig({ cwd: import.meta.dirname, env: { DEBUG_MAX_MARKUP_DEMO_DELAY: '2.5' } }).demoMaxDelaySec,
    2.5,
  );
  for (const value of ['-1', 'soon', '0x10', 'Infinity', '1s']) {
    assert.deepEqual(problemsOf({ DEBUG_MAX_MARKUP_DEMO_DELAY: value }), [
      `DEBUG_MAX_MARKUP_DEMO_DELAY: ${JSON.stringify(value)} is not a number of seconds >= 0`,
    ]);
  }
});

test('the directory answer delay must be a number of seconds > 0', () => {
  const config = loadConfig({ cwd: import.meta.dirname, env: { CHECK_DIRECTORY_ANSWER_DELAY: '0.5' } });
  assert.equal(config.checkDirectoryAnswerDelaySec, 0.5);
  for (const value of ['0', '-3', 'never']) {
    assert.deepEqual(problemsOf({ CHECK_DIRECTORY_ANSWER_DELAY: value }), [
      `CHECK_DIRECTORY_ANSWER_DELAY: ${JSON.stringify(value)} is not a number of seconds > 0`,
    ]);
  }
});

test('the concurrency must be a positive integer', () => {
  assert.equal(loadConfig({ cwd: import.meta.dirname, env: { SESSION_CONCURRENCY: '1' } }).concurrency, 1);
  for (const value of ['0', '-2', '1.5', 'many']) {
    assert.deepEqual(problemsOf({ SESSION_CONCURRENCY: value }), [
      `SESSION_CONCURRENCY: ${JSON.stringify(value)} is not a positive integer (1, 2, 3, ...)`,
    ]);
  }
});

test('a token with whitespace is rejected and shown masked', () => {
  assert.deepEqual(problemsOf({ TOKEN: 'abcd efgh-1234567' }), [
    'TOKEN: "****4567" contains whitespace; expected the token from your personal account as one word',
  ]);
  assert.deepEqual(problemsOf({ TOKEN: 'ab cd' }), [
    'TOKEN: "****" contains whitespace; expected the token from your personal account as one word',
  ]);
});

test('every problem is listed at once, in one error that names them all', () => {
  const env = {
    TOKEN: 'bad token value',
    HOST: 'ftp://example.org',
    DEBUG: 'sometimes',
    SESSION_WS_PROTOCOL_VERSION: '4',
    SESSION_CONCURRENCY: '0',
  };
  try {
    loadConfig({ cwd: import.meta.dirname, env });
    assert.fail('loadConfig accepted the configuration');
  } catch (error) {
    assert.ok(isConfigError(error));
    assert.ok(isToolkitError(error));
    assert.equal(error.name, 'ConfigError');
    const problems = [
      'TOKEN: "****alue" contains whitespace; expected the token from your personal account as one word',
      'HOST: "ftp://example.org" uses ftp: but only http:, https:, ws: and wss: are allowed',
      `DEBUG: "sometimes" ${BOOLEAN_PROBLEM}`,
      'SESSION_WS_PROTOCOL_VERSION: "4" is not supported; the only supported version is 2 (Socket.IO protocol 2, which the platform speaks)',
      'SESSION_CONCURRENCY: "0" is not a positive integer (1, 2, 3, ...)',
    ];
    assert.deepEqual(error.problems, problems);
    assert.equal(error.message, `Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    assert.doesNotMatch(error.message, /bad token value/);
  }
});

test('a token that also appears in another value is masked there too', () => {
  const token = 'abcdef0123456789';
  assert.deepEqual(problemsOf({ TOKEN: token, HOST: `https://ds.readable.upgreat.one/pku?token=${token}` }), [
    'HOST: "https://ds.readable.upgreat.one/pku?token=****6789" has a query, fragment or credentials; expected a bare base URL such as http://127.0.0.1:4000',
  ]);
});

test('a token in the HOST query is masked even when TOKEN is not set', () => {
  const token = 'abcdef0123456789';
  assert.deepEqual(problemsOf({ HOST: `https://ds.readable.upgreat.one/pku?x=1&token=${token}` }), [
    'HOST: "https://ds.readable.upgreat.one/pku?x=1&token=****6789" has a query, fragment or credentials; expected a bare base URL such as http://127.0.0.1:4000',
  ]);
});

test('the durability must be one of the three levels', () => {
  assert.throws(() => loadConfig({ cwd: import.meta.dirname, env: { SESSION_DURABILITY: 'paranoid' } }), {
    name: 'ConfigError',
    problems: ['SESSION_DURABILITY: "paranoid" is not one of atomic, fsync-input, fsync-all'],
  });
});
