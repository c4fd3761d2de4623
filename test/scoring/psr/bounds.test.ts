// Issue 9.14: negative criteria and absurd PSR sizes are refused with a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MATCH_SELECTIONS } from '../../../src/scoring/psr/match.js';
import { PsrError, matchSelections, scorePsr } from '../../../src/scoring/psr/index.js';
import type { PsrSelection } from '../../../src/scoring/psr/index.js';
import { essayFile, tempDir } from './files.js';
import { essayInput } from './fixtures.js';
import { cli as readable } from '../../support/cli.js';

// The built CLI (test/support/cli.ts): a child of dist starts in a fraction of tsx's time.
const cli = (args: string[]) => readable(['calc', 'psr', ...args]);

const twelve = (value: number) =>
  Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`K${i + 1}`, value]));

test('calc psr: negative criteria are refused naming the file and the criterion, exit 1', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('0000101.json', essayFile({ criteria: twelve(-1e308) }));
    const e = await t.write('0000101_exp1.json', essayFile({ criteria: { K1: 1, K2: 1 } }));
    const r = await cli([p, e]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /0000101\.json: criteria\.K1: -1e\+308 is negative; criteria are points, 0 or more/,
    );
    assert.doesNotMatch(r.stdout + r.stderr, /Infinity|null/);
  } finally {
    await t.done();
  }
});

test('scorePsr: a negative criterion is a PsrError naming markup and field', () => {
  const input = essayInput({ participant: [], experts: [[]], participantCriteria: { K1: -1, K2: 1 } });
  assert.throws(
    () => scorePsr(input),
    (error: unknown) =>
      error instanceof PsrError &&
      error.code === 'criteria-not-numeric' &&
      /markup part: criteria\.K1 must be a number of points, 0 or more, got -1/.test(error.message),
  );
});

test('calc psr: one selection past the limit is refused before they are read, naming the count and the limit', async () => {
  const t = await tempDir();
  try {
    const one = {
      startSelection: 1,
      endSelection: 2,
      type: 'Р.повтор',
      group: 'error',
      subtype: '',
      correction: '',
    };
    const p = await t.write('0000101.json', essayFile());
    const e = await t.write(
      '0000101_exp1.json',
      // One past the limit is as refused as a million, and writes and parses in a fraction of the time.
      essayFile({ selections: Array.from({ length: MAX_MATCH_SELECTIONS + 1 }, () => one) }),
    );
    const r = await cli([p, e]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      new RegExp(
        `0000101_exp1\\.json: selections: ${MAX_MATCH_SELECTIONS + 1} selections; PSR accepts at most ${MAX_MATCH_SELECTIONS} per markup`,
      ),
    );
  } finally {
    await t.done();
  }
});

test('matchSelections refuses more than the limit on either side, naming the side, the count and the limit', () => {
  const s: PsrSelection = {
    startSelection: 0,
    endSelection: 1,
    type: 'x',
    subtype: '',
    correction: '',
  } as PsrSelection;
  const many = Array.from({ length: MAX_MATCH_SELECTIONS + 1 }, () => s);
  assert.throws(() => matchSelections(many, [s], 'type'), {
    name: 'PsrError',
    message: `the computed markup has ${MAX_MATCH_SELECTIONS + 1} selections; PSR matching accepts at most ${MAX_MATCH_SELECTIONS} per markup`,
  });
  assert.throws(() => matchSelections([s], many, 'type'), /the reference markup has 20001 selections/);
});

test('matchSelections takes the limit on both sides of a long text', () => {
  // Deterministic pseudo-random selections of up to 40 characters over a 40 000-character text.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const make = (): PsrSelection[] =>
    Array.from({ length: MAX_MATCH_SELECTIONS }, () => {
      const start = Math.floor(next() * 40_000);
      return {
        startSelection: start,
        endSelection: start + Math.floor(next() * 40),
        type: 'Р.повтор',
        subtype: '',
        correction: '',
      } as PsrSelection;
    });
  const x = make();
  const result = matchSelections(x, make(), 'type');
  assert.ok(result.count > 0 && result.count <= MAX_MATCH_SELECTIONS);
  const self = matchSelections(x, x, 'type');
  assert.equal(self.count, MAX_MATCH_SELECTIONS);
});
