import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as lib from '../src/index.js';

test('the library entry exposes the session, essay, markup, platform and scoring surfaces', () => {
  for (const name of [
    'Essay',
    'Session',
    'Marker',
    'createMarkup',
    'registerConnector',
    'startPlatform',
    'loadConfig',
  ]) {
    assert.equal(typeof (lib as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(typeof lib.scoring.scorePsr, 'function');
  assert.equal(typeof lib.scoring.computeCriteria, 'function');
  assert.equal(typeof lib.protocol.checkStartRequest, 'function');
});

test('the package declares Node >= 20, the readable bin and ships schema and demo data', async () => {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
    bin: Record<string, string>;
    files: string[];
    dependencies: Record<string, string>;
  };
  assert.equal(pkg.engines.node, '>=20');
  assert.equal(pkg.bin.readable, 'dist/cli/index.js');
  assert.deepEqual([...pkg.files].sort(), ['data', 'dist', 'schema']);
  // The platform generation is part of the contract: pinned, not a range.
  assert.equal(pkg.dependencies['socket.io'], '2.5.1');
  assert.equal(pkg.dependencies['socket.io-client'], '2.5.0');
});
