import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runEssayCheck, type CheckResult } from '../../src/cli/commands/essay/check.js';
import { cli } from '../support/cli.js';
import { fixture, tempDir } from './helpers.js';

function collector(): { write(text: string): void; text: () => string } {
  let buffer = '';
  return { write: (text) => void (buffer += text), text: () => buffer };
}

async function check(
  files: string[],
  json = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector();
  const stderr = collector();
  const code = await runEssayCheck(files, { json, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('valid essays print ok and return 0', async () => {
  const ru = fixture('hist-ru.json');
  const en = fixture('eng.json');
  const result = await check([ru, en]);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${ru}: ok\n${en}: ok\n`);
  assert.equal(result.stderr, '2 files checked: 2 ok, 0 not valid\n');
});

test('warnings are printed with file and path and do not fail the check', async () => {
  const file = fixture('lenient-hist.json');
  const result = await check([file]);
  assert.equal(result.code, 0);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(
    lines[0],
    `${file}: warning: meta.id: "800001" has 6 characters; the organisers' schema asks for at least 7`,
  );
  assert.equal(lines.at(-1), `${file}: ok (14 warnings)`);
});

test('broken write rules and unreadable files fail with 1', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{\n  "meta": {"id": "0000079" "subject": "rus"}\n}\n');
  const invalid = fixture('invalid-offsets.json');
  const noSubject = fixture('no-subject.json');
  const result = await check([invalid, broken, noSubject]);
  assert.equal(result.code, 1);
  assert.equal(
    result.stdout,
    [
      `${invalid}: warning: selections[1].endSelection: 5000 is past the end of the text (length 610)`,
      `${invalid}: warning: selections[2].group: "mistake" is not "error" or "meaning"`,
      `${invalid}: error: essay 0000078: selections[1].endSelection = 5000 is past the end of the text (length 610)`,
      `${invalid}: error: essay 0000078: selections[2].group = "mistake" is not "error" or "meaning"`,
      `${invalid}: not a valid essay (2 errors, 2 warnings)`,
      `${broken}:2:28: error: not valid JSON: Expected ',' or '}' after property value`,
      `${broken}: not a valid essay`,
      `${noSubject}: error: meta.subject: missing (required)`,
      `${noSubject}: not a valid essay`,
      '',
    ].join('\n'),
  );
  assert.equal(result.stderr, '3 files checked: 0 ok, 3 not valid\n');
});

test('--json prints only the machine-readable result', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const missing = join(dir, 'missing.json');
  const ok = fixture('eng.json');
  const invalid = fixture('invalid-offsets.json');
  const result = await check([ok, invalid, missing], true);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const parsed = JSON.parse(result.stdout) as CheckResult;
  assert.deepEqual(parsed, {
    files: [
      { file: ok, ok: true, warnings: [], errors: [] },
      {
        file: invalid,
        ok: false,
        warnings: [
          { path: 'selections[1].endSelection', message: '5000 is past the end of the text (length 610)' },
          { path: 'selections[2].group', message: '"mistake" is not "error" or "meaning"' },
        ],
        errors: [
          { path: 'selections[1].endSelection', message: '5000 is past the end of the text (length 610)' },
          { path: 'selections[2].group', message: '"mistake" is not "error" or "meaning"' },
        ],
      },
      {
        file: missing,
        ok: false,
        warnings: [],
        errors: [{ path: '', message: `cannot read ${missing}: no such file or directory (ENOENT)` }],
      },
    ],
    ok: false,
  });
});

test('--json reports line and column of a syntax error', async (t) => {
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{"meta": }');
  const parsed = JSON.parse((await check([broken], true)).stdout) as CheckResult;
  assert.deepEqual(parsed.files[0]?.errors, [
    { path: '', message: "not valid JSON: Unexpected token '}'", line: 1, column: 10 },
  ]);
});

test('the built CLI exits 0 when every file is a valid essay', async () => {
  const result = await cli([
    'essay',
    'check',
    'test/fixtures/essays/hist-ru.json',
    'test/fixtures/essays/eng.json',
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'test/fixtures/essays/hist-ru.json: ok\ntest/fixtures/essays/eng.json: ok\n');
});

test('the built CLI exits 1 when a file is not a valid essay', async () => {
  const result = await cli([
    'essay',
    'check',
    'test/fixtures/essays/eng.json',
    'test/fixtures/essays/invalid-offsets.json',
  ]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /invalid-offsets\.json: not a valid essay \(2 errors, 2 warnings\)/);
});

test('the built CLI exits 2 when no file is given', async () => {
  const result = await cli(['essay', 'check']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /missing required argument 'files'/);
});

test('the built CLI prints only JSON with --json', async () => {
  const result = await cli(['essay', 'check', '--json', 'test/fixtures/essays/no-subject.json']);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const parsed = JSON.parse(result.stdout) as CheckResult;
  assert.equal(parsed.ok, false);
  assert.deepEqual(parsed.files[0]?.errors, [{ path: 'meta.subject', message: 'missing (required)' }]);
});
