import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadM7Tables, scorePsr } from '../../../src/scoring/psr/index.js';
import type { PsrInput, PsrResult } from '../../../src/scoring/psr/index.js';

// Reference figures from @upgreat-readable/psr 1.9.0, generated once by generate-figures.mjs (the package is not a dependency).
type Case = {
  id: string;
  subject: string;
  text?: string;
  words?: number;
  markups: Array<{
    id: string;
    isExpert: boolean;
    criteria: Record<string, number>;
    selections: Array<[number, number, string, string, string]>;
  }>;
};
const here = import.meta.dirname;
const { cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8')) as { cases: Case[] };
const figures = JSON.parse(readFileSync(join(here, 'figures.json'), 'utf8')) as {
  shipped: unknown[];
  tables: unknown[];
};

function envelope(c: Case): PsrInput {
  const text = c.text ?? Array.from({ length: c.words! }, (_, w) => `слово${w}`).join(' ');
  return {
    essay: {
      id: c.id,
      meta: { subject: c.subject },
      text,
      markups: c.markups.map((m) => ({
        id: m.id,
        isExpert: m.isExpert,
        criteria: m.criteria,
        selections: m.selections.map(([startSelection, endSelection, type, subtype, correction], i) => ({
          id: i + 1,
          startSelection,
          endSelection,
          type,
          subtype,
          correction,
        })),
      })),
    },
  };
}

/** The official JSON: our result without `notes` (nulls stay null, as NaN does in the package's JSON). */
function official(r: PsrResult): unknown {
  const { notes: _notes, ...rest } = r;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

function mismatches(results: unknown[], expected: unknown[]): string[] {
  const out: string[] = [];
  results.forEach((r, i) => {
    try {
      assert.deepStrictEqual(r, expected[i]);
    } catch {
      out.push(cases[i]!.id);
    }
  });
  return out;
}

test(`compat official equals the published package on ${cases.length} essays as shipped (no M7 tables)`, () => {
  const ours = cases.map((c) => official(scorePsr(envelope(c), { compat: 'official' })));
  assert.deepEqual(mismatches(ours, figures.shipped), []);
  // The default mode differs exactly where the carried weight matters: pairs with an empty side after weight 1.
  const deterministic = cases.map((c) => official(scorePsr(envelope(c))));
  const differ = mismatches(deterministic, figures.shipped);
  assert.ok(differ.length > 0, 'the generated cases exercise the carried weight');
  for (const id of differ) {
    const c = cases.find((x) => x.id === id)!;
    assert.ok(
      c.markups.some((m) => m.selections.length === 0),
      `${id} differs without an empty markup`,
    );
  }
});

test('compat official equals the published package with M7 tables (the package folder layout accepted)', async () => {
  const tables = await loadM7Tables(join(here, 'm7'));
  const ours = cases.map((c) => official(scorePsr(envelope(c), { compat: 'official', m7Tables: tables })));
  assert.deepEqual(mismatches(ours, figures.tables), []);
  // M7 is shown unrounded, as the package shows it.
  const shown = (figures.tables as PsrResult[]).flatMap((r) =>
    r.markups.flatMap((m) => m.matching.map((x) => x.metrics.M7)),
  );
  assert.ok(shown.includes(56.00000000000001));
});
