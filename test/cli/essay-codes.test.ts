import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { registerCodes } from '../../src/cli/commands/essay/codes.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { CATALOGUE, SUBJECTS, codesFor } from '../../src/scoring/catalogue/index.js';
import type { SubjectCatalogue } from '../../src/scoring/catalogue/index.js';
import { cli, inProcess } from '../support/cli.js';
import type { Streams } from '../support/cli.js';

const codes = (args: string[]) =>
  inProcess((group: Command, io: Streams) => registerCodes(group, io), ['codes', ...args]);

describe('readable essay codes', () => {
  test('lists every subject with its blocks, errors, criteria and descriptions', async () => {
    const run = await codes([]);
    assert.equal(run.error, undefined);
    for (const subject of SUBJECTS) {
      assert.match(run.stdout, new RegExp(`^${subject}: ${CATALOGUE[subject].title} \\(`, 'm'));
      for (const entry of codesFor(subject))
        assert.ok(run.stdout.includes(entry.code), `${subject} ${entry.code}`);
    }
    assert.match(run.stdout, /^ {4}П\.проблема +K1 +Problem remark: sets K1 to 0/m);
    assert.match(run.stdout, /^ {4}Р\.\* +K10 +ошРеч: /m);
  });

  test('lists one subject', async () => {
    const run = await codes(['lit']);
    assert.match(run.stdout, /^lit: Literature \(5 criteria, max 14\)/);
    assert.doesNotMatch(run.stdout, /^rus:/m);
    assert.match(run.stdout, /С\.послед +K4 +.*\[nomination logic\]/);
  });

  test('prints only JSON with --json: the catalogue of each chosen subject', async () => {
    const run = await codes(['hist', '--json']);
    const [hist, ...rest] = JSON.parse(run.stdout) as SubjectCatalogue[];
    assert.equal(rest.length, 0);
    assert.deepEqual(hist, JSON.parse(JSON.stringify(CATALOGUE.hist)));
    const role = hist?.blocks.find((b) => b.code === 'роль');
    assert.equal(role?.caseSensitive, true);
    assert.deepEqual(role?.criteria, ['K2']);
    const all = JSON.parse((await codes(['--json'])).stdout) as SubjectCatalogue[];
    assert.deepEqual(
      all.map((c) => c.subject),
      [...SUBJECTS],
    );
  });

  test('rejects an unknown subject as a usage error', async () => {
    const run = await codes(['latin']);
    assert.ok(run.error instanceof ExitError);
    assert.equal(run.error.code, 2);
    assert.match(run.error.message, /unknown subject "latin"; expected one of rus, rus-free/);
  });

  test('exits 0 with the list and 2 for an unknown subject', async () => {
    const [ok, json, bad] = await Promise.all([
      cli(['essay', 'codes', 'eng']),
      cli(['essay', 'codes', 'social', '--json']),
      cli(['essay', 'codes', 'latin']),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^eng: English, ЕГЭ essay/);
    assert.match(ok.stdout, /лмнение .*«личное мнение»/);
    assert.equal(json.code, 0);
    assert.equal((JSON.parse(json.stdout) as SubjectCatalogue[])[0]?.subject, 'social');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown subject "latin"/);
    assert.equal(bad.stdout, '');
  });
});
