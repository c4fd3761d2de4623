// `readable calc psr`: one bad input in a real child process (exit 1 + message), the rest in-process.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerPsr } from '../../../src/cli/commands/calc/psr.js';
import { ExitError } from '../../../src/cli/exit-error.js';
import { essayFile, tempDir } from './files.js';
import { WORDS_TEXT } from './fixtures.js';
import { cli as readable } from '../../support/cli.js';

const cli = (args: string[]) => readable(['calc', 'psr', ...args]);

async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const group = new Command('calc').exitOverride();
  registerPsr(group, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  try {
    await group.parseAsync(['psr', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    return { code: error.code, stdout, stderr: stderr + error.message };
  }
}

const sel = (patch: Record<string, unknown>): unknown[] => [
  { ...(essayFile().selections as Record<string, unknown>[])[0], ...patch },
];

const BAD: Array<[string, Record<string, unknown> | string, RegExp]> = [
  ['missing selections', essayFile({ selections: undefined }), /_exp1\.json: selections: missing/],
  ['a null type', essayFile({ selections: sel({ type: null }) }), /selections\[0\]\.type: .*got null/],
  [
    'a null subtype',
    essayFile({ selections: sel({ subtype: null }) }),
    /selections\[0\]\.subtype: .*got null/,
  ],
  [
    'a null correction',
    essayFile({ selections: sel({ correction: null }) }),
    /selections\[0\]\.correction: .*got null/,
  ],
  [
    'criteria as strings',
    essayFile({ criteria: { K1: '1', K2: '1' } }),
    /criteria\.K1: expected a number, got "1"/,
  ],
  [
    'an offset past the text',
    essayFile({ selections: sel({ endSelection: 5000 }) }),
    /endSelection: 5000 is past the end/,
  ],
  [
    'a different text',
    essayFile({ text: WORDS_TEXT.replace('слово7', 'слово8') }),
    /text: text differs from .*0000101\.json/,
  ],
  ['a different subject', essayFile({ meta: { subject: 'hist' } }), /meta\.subject: subject "hist" differs/],
  ['missing criteria', essayFile({ criteria: undefined }), /_exp1\.json: criteria: missing/],
  ['broken JSON', '{"meta": {"id": "1",', /_exp1\.json:1:\d+/],
];

describe('bad inputs end with a clear message naming the file and exit code 1', { concurrency: 4 }, () => {
  // The messages in-process (ExitError's code and message are what cli/index.ts prints and exits
  // with); one real process below shows that path end to end.
  test('in a real process: exit code 1, the message on stderr, nothing on stdout, no stack', async () => {
    const t = await tempDir();
    try {
      const p = await t.write('0000101.json', essayFile());
      const e = await t.write('0000101_exp1.json', BAD[0]![1]);
      const r = await cli([p, e]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, BAD[0]![2]);
      assert.doesNotMatch(r.stderr, /TypeError|at .*\.(ts|js):\d+/);
    } finally {
      await t.done();
    }
  });

  for (const [what, expert, pattern] of BAD)
    test(`an expert file with ${what}`, async () => {
      const t = await tempDir();
      try {
        const p = await t.write('0000101.json', essayFile());
        const e = await t.write('0000101_exp1.json', expert);
        const r = await inProcess([p, e]);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, pattern);
        assert.doesNotMatch(r.stderr, /TypeError|at .*\.ts:\d+/);
      } finally {
        await t.done();
      }
    });

  test('a single file', async () => {
    const t = await tempDir();
    try {
      const r = await inProcess([await t.write('0000101.json', essayFile()), '--json']);
      assert.equal(r.code, 1);
      // With --json the failure is JSON on stdout too, for consumers that read only stdout.
      const out = JSON.parse(r.stdout) as { error: { message: string; file: string } };
      assert.match(out.error.message, /0000101\.json: PSR needs at least one expert markup/);
      assert.match(out.error.file, /0000101\.json$/);
      assert.match(r.stderr, /0000101\.json: PSR needs at least one expert markup/);
    } finally {
      await t.done();
    }
  });

  test('a directory essay with no expert', async () => {
    const t = await tempDir();
    try {
      await t.write('0000101.json', essayFile());
      const r = await inProcess(['--dir', t.dir]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /0000101\s+error/);
      assert.match(r.stderr, /0000101\.json: PSR needs at least one expert markup/);
    } finally {
      await t.done();
    }
  });

  test('a missing file and a missing M7 tables folder', async () => {
    const t = await tempDir();
    try {
      const p = await t.write('0000101.json', essayFile());
      const missing = await inProcess([p, join(t.dir, 'nope_exp1.json')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /nope_exp1\.json: file not found/);
      const e = await t.write('0000101_exp1.json', essayFile());
      const noTables = await inProcess([p, e, '--m7-tables', join(t.dir, 'm7')]);
      assert.equal(noTables.code, 1);
      assert.match(noTables.stderr, /M7 table not found: .*eng_final_m7_AVG\.json/);
    } finally {
      await t.done();
    }
  });
});

test('--json prints only the official result shape plus notes on stdout', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('0000101.json', essayFile());
    const exact = essayFile({ selections: sel({ startSelection: 0 }) });
    const e1 = await t.write('0000101_exp1.json', exact);
    const e2 = await t.write('0000101_exp2.json', exact);
    const r = await inProcess([p, e1, e2, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      essayId: string;
      STER_AVG: number;
      markups: Array<{ STAR: number; OTAR: number }>;
    };
    assert.deepEqual(Object.keys(json), ['markups', 'STER_AVG', 'essayId', 'notes']);
    assert.equal(json.essayId, '0d9c1b7e-aaaa-4bbb-8ccc-000000000101');
    assert.deepEqual([json.markups[0]!.STAR, json.markups[0]!.OTAR, json.STER_AVG], [98.57, 98.57, 100]);
  } finally {
    await t.done();
  }
});

test('the text report, --explain, --nomination and --dir run in-process', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('0000101.json', essayFile());
    const e = await t.write('0000101_exp1.json', essayFile({ selections: sel({ startSelection: 0 }) }));
    const text = await inProcess([p, e, '--explain']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /0000101 → 0000101_exp1 .* 98\.57/);
    assert.match(text.stdout, /= Р\.повтор 10–100 ".*" {2}↔ {2}Р\.повтор 0–100 ".*" {2}J 0\.1 L 1\.1/);
    assert.match(text.stdout, /note: 0000101_exp1: STER is null/);

    const explained = await inProcess([p, e, '--explain', '--json']);
    const json = JSON.parse(explained.stdout) as { result: unknown; explain: Array<{ matched: unknown[] }> };
    assert.equal(json.explain[0]!.matched.length, 1);

    const nomination = await inProcess([p, e, '--nomination', '--json']);
    const nom = JSON.parse(nomination.stdout) as Array<{ type: string }>;
    assert.deepEqual(
      nom.map((n) => n.type),
      ['logic', 'structure'],
    );

    const dir = await inProcess(['--dir', t.dir, '--json']);
    assert.equal(dir.code, 0);
    const summary = JSON.parse(dir.stdout) as { aggregate: { meanSTAR: number } };
    assert.equal(summary.aggregate.meanSTAR, 98.57);
    const table = await inProcess(['--dir', t.dir]);
    assert.match(table.stdout, /mean of 1 essays\s+98\.57/);
  } finally {
    await t.done();
  }
});

test('usage mistakes are exit code 2', async () => {
  assert.equal((await inProcess([])).code, 2);
  assert.equal((await inProcess(['a.json', '--dir', '.'])).code, 2);
  assert.equal((await inProcess(['--dir', '.', '--nomination'])).code, 2);
});

test('M7 tables from --m7-tables change the divisor for listed essays', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('0000101.json', essayFile());
    const e = await t.write('0000101_exp1.json', essayFile());
    await writeFile(join(t.dir, 'eng_final_m7_AVG.json'), JSON.stringify([{ mk_uuid: '0000101', mark: 50 }]));
    await writeFile(join(t.dir, 'exper_m7_markup_100.json'), '[]');
    await writeFile(
      join(t.dir, 'excludedDoubles.json'),
      JSON.stringify(['0d9c1b7e-aaaa-4bbb-8ccc-000000000101']),
    );
    const r = await inProcess([p, e, '--json', '--m7-tables', t.dir]);
    const json = JSON.parse(r.stdout) as {
      markups: Array<{ matching: Array<{ metrics: { M7: number; MTotal: number } }> }>;
    };
    // identical markups, no subtypes: (1 + 2 + 1 + 0 + 1 + 0.5) / 6
    assert.deepEqual(json.markups[0]!.matching[0]!.metrics.M7, 50);
    assert.equal(json.markups[0]!.matching[0]!.metrics.MTotal, 91.67);
  } finally {
    await t.done();
  }
});
