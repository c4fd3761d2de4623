import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAppoint } from '../../src/cli/commands/calc/appoint.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { appointThirdExpert } from '../../src/scoring/criteria/index.js';
import { ROOT, cli, inProcess } from '../support/cli.js';

const demo = (name: string) => join(ROOT, 'data/demo/train', `${name}.json`);
const appoint = (args: string[]) => inProcess(registerAppoint, ['appoint', ...args]);
const rusCriteria = (k7: number) => ({
  K1: 1,
  K2: 3,
  K3: 1,
  K4: 1,
  K5: 2,
  K6: 2,
  K7: k7,
  K8: 3,
  K9: 2,
  K10: 2,
  K11: 1,
  K12: 1,
});

let dir = '';
async function put(name: string, data: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(data, null, 2));
  return path;
}
const essay = (subject: string, criteria?: Record<string, number>) => ({
  meta: { id: '0000001', subject, theme: '', taskText: '' },
  text: 'Текст сочинения, достаточно длинный для схемы организаторов: не меньше пятидесяти символов.',
  selections: [],
  ...(criteria && { criteria }),
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'calc-appoint-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function libraryDecision(a: string, b: string): Promise<boolean> {
  const read = async (f: string) =>
    JSON.parse(await readFile(f, 'utf8')) as Parameters<typeof appointThirdExpert>[0];
  return appointThirdExpert(await read(a), await read(b)).decision;
}

describe('readable calc appoint', () => {
  test('prints the decision and the totals for two demo markups, as the library decides', async () => {
    const [a, b] = [demo('1000001_exp1'), demo('1000001_exp2')];
    const run = await appoint([a, b]);
    assert.equal(run.error, undefined);
    const needed = await libraryDecision(a, b);
    assert.match(run.stdout, needed ? /^third expert: NEEDED \(rus\)/ : /^third expert: not needed \(rus\)/);
    assert.match(run.stdout, /a: .*1000001_exp1\.json {2}ΣK = \d+\/24/);
    assert.equal(run.stderr, '');
  });

  test('prints only JSON with --json, with the reasons that fired', async () => {
    const [a, b] = [demo('2000009_exp1'), demo('2000009_exp2')];
    const run = await appoint([a, b, '--json']);
    assert.equal(run.error, undefined);
    const report = JSON.parse(run.stdout) as { decision: boolean; reasons: string[]; subject: string };
    assert.equal(report.decision, await libraryDecision(a, b));
    assert.equal(report.subject, 'eng');
    assert.equal(report.reasons.length > 0, report.decision);
  });

  test('names the rule that fired: rus |ΔK7| ≥ 2', async () => {
    const a = await put('k7-a.json', essay('rus', rusCriteria(3)));
    const b = await put('k7-b.json', essay('rus', rusCriteria(1)));
    const run = await appoint([a, b, '--json']);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(report, {
      a,
      b,
      subject: 'rus',
      totals: { a: 22, b: 20, max: 24 },
      decision: true,
      reasons: ['|ΔK7| = 2 ≥ 2'],
    });
  });

  test('refuses markups of different subjects, naming both files and meta.subject', async () => {
    const run = await appoint([demo('1000001_exp1'), demo('2000001_exp1')]);
    assert.ok(run.error instanceof ExitError);
    assert.equal(run.error.code, 1);
    assert.match(
      run.stderr,
      /1000001_exp1\.json has meta\.subject "rus" but .*2000001_exp1\.json has "hist"/,
    );
  });

  test('names the file and the field of a missing criterion, also as JSON', async () => {
    const { K3: _dropped, ...partial } = rusCriteria(3);
    const a = await put('full.json', essay('rus', rusCriteria(3)));
    const b = await put('partial.json', essay('rus', partial));
    const run = await appoint([a, b, '--json']);
    assert.ok(run.error instanceof ExitError);
    assert.equal(run.error.code, 1);
    assert.equal(run.stderr, `error: ${b}: criteria.K3 is missing (required for rus)\n`);
    assert.deepEqual(JSON.parse(run.stdout), {
      error: { message: `${b}: criteria.K3 is missing (required for rus)`, file: b, field: 'criteria.K3' },
    });
  });

  test('names the file without criteria, and a file that does not exist', async () => {
    const none = await put('none.json', essay('rus'));
    const run = await appoint([demo('1000001_exp1'), none]);
    assert.equal(run.stderr, `error: ${none}: criteria is missing, expected an object of K values\n`);
    const missing = await appoint([join(dir, 'nope.json'), none]);
    assert.match(missing.stderr, /nope\.json/);
    assert.ok(missing.error instanceof ExitError && missing.error.code === 1);
  });

  test('exits 0 whatever the decision, 1 on bad input and 2 on usage errors', async () => {
    const [needed, notNeeded, bad, usage, unknownOption] = await Promise.all([
      cli(['calc', 'appoint', 'data/demo/train/2000009_exp1.json', 'data/demo/train/2000009_exp2.json']),
      cli([
        'calc',
        'appoint',
        'data/demo/train/1000001_exp1.json',
        'data/demo/train/1000001_exp2.json',
        '--json',
      ]),
      cli(['calc', 'appoint', 'data/demo/train/1000001_exp1.json', 'data/demo/train/2000001_exp1.json']),
      cli(['calc', 'appoint', 'data/demo/train/1000001_exp1.json']),
      cli(['calc', 'appoint', 'a.json', 'b.json', '--nope']),
    ]);
    assert.equal(needed.code, 0, needed.stderr);
    assert.match(needed.stdout, /^third expert: NEEDED \(eng\)\nreasons|^third expert: NEEDED/);
    assert.equal(notNeeded.code, 0, notNeeded.stderr);
    assert.equal((JSON.parse(notNeeded.stdout) as { subject: string }).subject, 'rus');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /meta\.subject/);
    assert.equal(bad.stdout, '');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /missing required argument 'b'/);
    assert.equal(unknownOption.code, 2);
  });
});
