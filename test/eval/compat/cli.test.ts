import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPsr } from '../../../src/cli/commands/calc/psr.js';
import { loadM7Tables } from '../../../src/scoring/psr/index.js';
import { ROOT, inProcess } from '../../support/cli.js';

const M7 = join(import.meta.dirname, 'm7');

test('--m7-tables accepts the package folder as it unpacks (package/build/main/mSevenStat)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-m7-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const inside = join(dir, 'package', 'build', 'main', 'mSevenStat');
  await mkdir(inside, { recursive: true });
  await cp(M7, inside, { recursive: true });
  const direct = await loadM7Tables(M7);
  assert.deepEqual(await loadM7Tables(dir), direct);
  assert.deepEqual(await loadM7Tables(join(dir, 'package')), direct);
  await assert.rejects(
    loadM7Tables(join(dir, 'package', 'build')),
    /M7 table not found: .*excludedDoubles\.json|M7 table not found/,
  );
});

test('calc psr --compat official: an empty participant keeps the starting M7 weight 1 (divisor 6)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-compat-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const expert = join(ROOT, 'data/demo/train/1000001_exp1.json');
  const value = JSON.parse(await readFile(expert, 'utf8')) as Record<string, unknown>;
  const participant = join(dir, '1000001.json');
  await writeFile(
    participant,
    JSON.stringify({ ...value, selections: [], meta: { ...(value.meta as object), expert: '' } }),
  );
  const run = async (compat: string) => {
    const r = await inProcess(
      (g, io) => registerPsr(g, io),
      ['psr', '--json', '--compat', compat, participant, expert],
    );
    assert.equal(r.error, undefined, r.stderr);
    const result = JSON.parse(r.stdout) as {
      markups: Array<{ matching: Array<{ metrics: { M1: number; MTotal: number } }> }>;
    };
    return result.markups[0]!.matching[0]!.metrics;
  };
  const byDefault = await run('default');
  const official = await run('official');
  assert.equal(byDefault.M1, 100);
  assert.equal(byDefault.MTotal, 20);
  assert.equal(official.MTotal, 16.67);
});
