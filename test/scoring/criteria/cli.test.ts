import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerCriteria } from '../../../src/cli/commands/calc/criteria.js';
import { ExitError } from '../../../src/cli/exit-error.js';
import { cli as readable } from '../../support/cli.js';
import { words } from './helpers.js';

const cli = (args: string[]) => readable(['calc', 'criteria', ...args]);

/** Runs the command in-process with captured streams. */
async function inProcess(args: string[]): Promise<{ stdout: string; stderr: string; error?: unknown }> {
  let stdout = '';
  let stderr = '';
  const group = new Command('calc').exitOverride();
  registerCriteria(group, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  try {
    await group.parseAsync(['criteria', ...args], { from: 'user' });
    return { stdout, stderr };
  } catch (error) {
    return { stdout, stderr, error };
  }
}

const meta = (subject: string, id = '0000001') => ({ id, subject, theme: '', taskText: '' });
const sel = (id: number, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  startSelection: 0,
  endSelection: 5,
  type,
  group: 'error',
  tag: '',
  ...extra,
});
const RUS_BLOCKS = ['проблема', 'пример', 'пример', 'пояснение', 'пояснение', 'связь'];

let dir = '';
const file = (name: string) => join(dir, name);
async function put(name: string, data: unknown): Promise<string> {
  await writeFile(file(name), typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file(name);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'criteria-cli-'));
  const text = words(200);
  await put('rus.json', { meta: meta('rus'), text, selections: RUS_BLOCKS.map((t, i) => sel(i + 1, t)) });
  await put('no-tags.json', {
    meta: meta('rus'),
    text,
    selections: RUS_BLOCKS.map((t, i) => {
      const { tag: _tag, ...rest } = sel(i + 1, t);
      return rest;
    }),
  });
  await put('no-selections.json', { meta: meta('rus-free'), text: 'Короткий текст сочинения.' });
  await put('null-type.json', {
    meta: meta('rus'),
    text,
    selections: [sel(1, 'пример'), sel(2, 'x', { type: null })],
  });
  await put('past-end.json', {
    meta: meta('rus'),
    text: 'abc def',
    selections: [sel(1, 'Р.знач', { endSelection: 50 })],
  });
  await put('math.json', { meta: meta('math'), text });
  await put('not-essay.json', '[1, 2, 3]');
  await put('short-lit.json', { meta: meta('lit'), text: words(100) });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readable calc criteria (child process)', () => {
  test('prints the K values and total and exits 0', async () => {
    const r = await cli([file('rus.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `${file('rus.json')}: rus K1=1 K2=5 K3=0 K4=0 K5=2 K6=2 K7=3 K8=3 K9=2 K10=2 K11=1 K12=1 total 22/24\n`,
    );
  });
  test('bad input exits 1 with a message naming the file and the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['null-type.json', /null-type\.json: selections\[1\]\.type is null, expected a string/],
      [
        'past-end.json',
        /past-end\.json: selections\[0\]\.endSelection is number \(50\), expected an integer in 0\.\.8 \(text length 7\)/,
      ],
      ['math.json', /math\.json: meta\.subject "math" is not supported/],
      ['not-essay.json', /not-essay\.json: .*expected an object, got array/],
      ['missing.json', /missing\.json/],
    ];
    const results = await Promise.all(cases.map(([name]) => cli([file(name)])));
    results.forEach((r, i) => {
      const [name, pattern] = cases[i] as [string, RegExp];
      assert.equal(r.code, 1, name);
      assert.match(r.stderr, pattern, name);
      assert.equal(r.stdout, '', name);
    });
  });
  test('--json prints only JSON on stdout, with an entry per file, and exits 1 when one fails', async () => {
    const r = await cli(['--json', file('no-selections.json'), file('math.json')]);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(parsed[0], {
      file: file('no-selections.json'),
      subject: 'rus-free',
      criteria: { K1: 4, K2: 4, K3: 4, K4: 3, K5: 3, K6: 3, K7: 3 },
      total: 24,
      max: 24,
    });
    assert.deepEqual(parsed[1], {
      file: file('math.json'),
      error: {
        name: 'CriteriaError',
        message: `${file('math.json')}: meta.subject "math" is not supported (expected rus, rus-free, lit, social, hist, eng or eng-free)`,
        code: 'unknown-subject',
        field: 'meta.subject',
        officialMessage: 'Данный предмет не поддерживается сервисом распознавания критериев.',
      },
    });
    assert.match(r.stderr, /1 of 2 files could not be scored/);
  });
  test('no file is a usage error (exit 2)', async () => {
    const r = await cli([]);
    assert.equal(r.code, 2);
  });
});

describe('readable calc criteria (in process)', () => {
  test('missing selections are an empty markup', async () => {
    const r = await inProcess([file('no-selections.json')]);
    assert.equal(r.error, undefined);
    assert.match(r.stdout, /rus-free K1=4 K2=4 K3=4 K4=3 K5=3 K6=3 K7=3 total 24\/24/);
  });
  test('(quirk: tag collapse) files without tag fields are scored as the official CLI does', async () => {
    const r = await inProcess(['--json', file('no-tags.json')]);
    const [entry] = JSON.parse(r.stdout) as Array<{ criteria: Record<string, number> }>;
    assert.equal(entry?.criteria.K2, 3, 'пример, пояснение and связь each count once');
  });
  test('--web applies the web-mode gates', async () => {
    const plain = await inProcess([file('short-lit.json')]);
    const web = await inProcess(['--web', file('short-lit.json')]);
    assert.match(plain.stdout, /total 9\/14/);
    assert.match(web.stdout, /lit K1=0 K2=0 K3=0 K4=0 K5=0 total 0\/14/);
  });
  test('--explain prints the rules and counts under the line', async () => {
    const r = await inProcess(['--explain', file('rus.json')]);
    assert.match(r.stdout, /\n {2}words: 200; web mode: off\n/);
    assert.match(
      r.stdout,
      /\n {2}K2 = 5: пример≥2 ∧ пояснение≥2 ∧ связь≥1 \(пример=2, пояснение=2, связь=1\)\n/,
    );
    assert.match(r.stdout, /\n {2}counts: проблема=1, пример=2, пояснение=2, связь=1\n/);
  });
  test('--save writes criteria into the file and keeps everything else as it was', async () => {
    const path = await put('save.json', {
      meta: { ...meta('rus'), color: 'red' },
      text: words(200),
      selections: RUS_BLOCKS.map((t, i) => {
        const { tag: _tag, ...rest } = sel(i + 1, t);
        return rest;
      }),
      criteria: { K1: 0 },
      unknownTop: [1, 2],
    });
    const before = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const r = await inProcess(['--save', path]);
    assert.equal(r.error, undefined);
    assert.match(r.stdout, /\(saved\)\n$/);
    const after = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const { criteria, ...rest } = after;
    const { criteria: _old, ...restBefore } = before;
    assert.deepEqual(rest, restBefore, 'selections keep their missing tags, unknown keys stay');
    assert.deepEqual(Object.keys(after), Object.keys(before), 'key order kept');
    assert.equal((criteria as Record<string, number>).K2, 3);
    const again = await inProcess(['--json', path]);
    assert.deepEqual((JSON.parse(again.stdout) as Array<{ criteria: unknown }>)[0]?.criteria, criteria);
  });
  test('a bad file throws ExitError(1) after the message on stderr; other files are still scored', async () => {
    const r = await inProcess([file('null-type.json'), file('rus.json')]);
    assert.ok(r.error instanceof ExitError);
    assert.equal(r.error.code, 1);
    assert.equal(r.error.message, '1 of 2 files could not be scored');
    assert.match(r.stderr, /^error: .*null-type\.json: selections\[1\]\.type is null/);
    assert.match(r.stdout, /rus\.json: rus K1=1/);
  });
});
