import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerDataset } from '../../src/cli/commands/dataset/index.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { ROOT, inProcess } from '../support/cli.js';

const run = (args: string[]) => inProcess(registerDataset, args);

test('dataset check prints statistics of the demo dataset and exits 0', async () => {
  const r = await run(['check', join(ROOT, 'data/demo')]);
  assert.equal(r.error, undefined);
  assert.match(r.stdout, /42 essay\(s\), 42 with at least one valid expert markup/);
  assert.match(r.stdout, /^rus\s+4\s+2\s+/m);
  assert.match(r.stdout, /experts per essay: 28 with 2, 14 with 3/);
  assert.match(r.stdout, /no problems found/);
});

test('dataset import lists problems with file and JSON path, imports the rest and exits 1', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-import-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const src = join(dir, 'src');
  await mkdir(src);
  const essay = await readFile(join(ROOT, 'data/demo/train/1000001.json'), 'utf8');
  const exp = JSON.parse(await readFile(join(ROOT, 'data/demo/train/1000001_exp1.json'), 'utf8')) as {
    selections: Array<Record<string, unknown>>;
  };
  await writeFile(join(src, 'alpha.json'), essay);
  await writeFile(join(src, 'alpha_exp1.json'), JSON.stringify(exp));
  exp.selections[1]!.endSelection = 1e6;
  await writeFile(join(src, 'beta.json'), essay);
  await writeFile(join(src, 'beta_exp1.json'), JSON.stringify(exp));
  const out = join(dir, 'out');
  const r = await run(['import', src, '--out', out]);
  assert.ok(r.error instanceof ExitError && r.error.code === 1);
  assert.match(r.stdout, /imported 2 essay\(s\) from .* \(layout: files\)/);
  assert.match(r.stdout, /1 ← alpha/);
  assert.match(
    r.stdout,
    /error: .*beta_exp1\.json: selections\[1\]\.endSelection: 1000000 is past the end of the text/,
  );
  const checked = await run(['check', out, '--json']);
  const result = JSON.parse(checked.stdout) as { usable: number; stats: { essays: number } };
  assert.equal(result.stats.essays, 2);
  assert.equal(result.usable, 1);
});
