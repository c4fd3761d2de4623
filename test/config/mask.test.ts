import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecrets, maskToken } from '../../src/config/index.js';

test('a token longer than 8 characters keeps its last 4 characters', () => {
  assert.equal(maskToken('0123456789abcdef'), '****cdef');
  assert.equal(maskToken('123456789'), '****6789');
});

test('a token of 8 characters or fewer is masked whole', () => {
  assert.equal(maskToken('12345678'), '****');
  assert.equal(maskToken('abc'), '****');
  assert.equal(maskToken(''), '****');
});

test('every occurrence of every secret is masked, raw or URL-encoded', () => {
  const token = 'tok/en+with=chars-0001';
  const text = `a ${token} b https://x/pku?token=${encodeURIComponent(token)}&v=2 c ${token}`;
  assert.equal(maskSecrets(text, [token]), 'a ****0001 b https://x/pku?token=****0001&v=2 c ****0001');
  assert.equal(
    maskSecrets('one-secret-aaaa two-secret-bbbb', ['one-secret-aaaa', 'two-secret-bbbb']),
    '****aaaa ****bbbb',
  );
});

test('empty secrets and text without secrets are left alone', () => {
  assert.equal(maskSecrets('nothing to hide', ['']), 'nothing to hide');
  assert.equal(maskSecrets('nothing to hide', []), 'nothing to hide');
});

test('a secret containing another is masked whole', () => {
  assert.equal(maskSecrets('xx-long-secret-9999', ['long', 'xx-long-secret-9999']), '****9999');
});
