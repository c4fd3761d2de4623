import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const hostOf = (HOST: string): string => loadConfig({ cwd: import.meta.dirname, env: { HOST } }).host;

function hostProblem(HOST: string): string | undefined {
  try {
    loadConfig({ cwd: import.meta.dirname, env: { HOST } });
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems.length, 1);
    return error.problems[0];
  }
}

test('a trailing /pku namespace is accepted and stripped', () => {
  assert.equal(hostOf('https://ds.readable.upgreat.one/pku'), 'https://ds.readable.upgreat.one');
  assert.equal(hostOf('https://ds.readable.upgreat.one/pku/'), 'https://ds.readable.upgreat.one');
  assert.equal(hostOf('http://127.0.0.1:4000/PKU'), 'http://127.0.0.1:4000');
});

test('a base URL is normalised to scheme, host and port', () => {
  assert.equal(hostOf('http://127.0.0.1:4000'), 'http://127.0.0.1:4000');
  assert.equal(hostOf('http://127.0.0.1:4000/'), 'http://127.0.0.1:4000');
  assert.equal(hostOf('HTTPS://DS.Readable.Upgreat.One'), 'https://ds.readable.upgreat.one');
  assert.equal(hostOf('https://example.org:443'), 'https://example.org', 'a default port is dropped');
});

test('ws and wss URLs are accepted', () => {
  assert.equal(hostOf('ws://localhost:4000'), 'ws://localhost:4000');
  assert.equal(hostOf('wss://ds.readable.upgreat.one/pku'), 'wss://ds.readable.upgreat.one');
});

test('a value that is not a URL says what a HOST looks like', () => {
  assert.equal(
    hostProblem('ds.readable.upgreat.one'),
    'HOST: "ds.readable.upgreat.one" is not a URL; expected an http(s) or ws(s) base URL such as https://ds.readable.upgreat.one',
  );
});

test('other schemes are rejected', () => {
  assert.equal(
    hostProblem('ftp://example.org'),
    'HOST: "ftp://example.org" uses ftp: but only http:, https:, ws: and wss: are allowed',
  );
  assert.equal(
    hostProblem('file:///tmp/x'),
    'HOST: "file:///tmp/x" uses file: but only http:, https:, ws: and wss: are allowed',
  );
});

test('a path other than /pku is rejected, since it would be taken for a namespace', () => {
  assert.equal(
    hostProblem('https://example.org/api'),
    'HOST: "https://example.org/api" has the path /api; expected a base URL without a namespace such as http://127.0.0.1:4000 (a trailing /pku is accepted)',
  );
  assert.equal(
    hostProblem('https://example.org/pku/pku'),
    'HOST: "https://example.org/pku/pku" has the path /pku/pku; expected a base URL without a namespace such as http://127.0.0.1:4000 (a trailing /pku is accepted)',
  );
});

test('a query, fragment or credentials are rejected', () => {
  const problem =
    'has a query, fragment or credentials; expected a bare base URL such as http://127.0.0.1:4000';
  assert.equal(hostProblem('http://127.0.0.1:4000/?x=1'), `HOST: "http://127.0.0.1:4000/?x=1" ${problem}`);
  assert.equal(hostProblem('http://127.0.0.1:4000/#top'), `HOST: "http://127.0.0.1:4000/#top" ${problem}`);
  assert.equal(
    hostProblem('http://user:pw@127.0.0.1:4000'),
    `HOST: "http://user:****@127.0.0.1:4000" ${problem}`,
  );
});
