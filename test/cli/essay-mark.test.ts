import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { registerMark } from '../../src/cli/commands/essay/mark.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { Essay } from '../../src/essay/index.js';
import type { EssayData } from '../../src/essay/index.js';
import { CliChild, ROOT, cli, inProcess } from '../support/cli.js';
import type { Streams } from '../support/cli.js';

const RUS = join(ROOT, 'data/demo/train/1000001.json');
const HIST = join(ROOT, 'data/demo/train/2000001.json');
const MODULE = 'examples/my-markup.js';
const PYTHON = 'python3 examples/my_model.py';

let dir = '';
/** In-process, with the project root as cwd and an empty environment (no .env of the developer). */
function mark(args: string[], env: Record<string, string> = {}) {
  const register = (group: Command, io: Streams) => registerMark(group, io, { cwd: ROOT, env });
  return inProcess(register, ['mark', ...args]);
}
async function put(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}
const expectExit = (error: unknown, code: number) => {
  assert.ok(error instanceof ExitError, `expected an ExitError, got ${String(error)}`);
  assert.equal(error.code, code);
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essay-mark-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readable essay mark', () => {
  test('prints the essay marked by a module on stdout and the added selections on stderr', async () => {
    const input = await Essay.fromFile(RUS);
    const run = await mark([RUS, '--markup', MODULE]);
    assert.equal(run.error, undefined, run.stderr);
    const output = Essay.fromJSON(run.stdout);
    assert.equal(output.text, input.text);
    assert.equal(output.selections.length, input.selections.length + 1);
    const added = [...output.selections].at(-1);
    assert.ok(added);
    assert.equal(added.type, 'проблема');
    const fragment = input.text.slice(added.startSelection, added.endSelection);
    assert.match(run.stderr, /1000001\.json: markup "my-markup" added 1 selection\n/);
    assert.ok(
      run.stderr.includes(`  + проблема [${added.startSelection}..${added.endSelection}] «${fragment}»`),
      run.stderr,
    );
  });

  test('writes the marked essay to --out with a command markup, leaving stdout empty', async () => {
    const out = join(dir, 'sub', 'marked.json');
    const run = await mark([HIST, '--markup-command', PYTHON, '--out', out]);
    assert.equal(run.error, undefined, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /added 1 selection; written to .*marked\.json\n {2}\+ сяп \[0\.\.\d+\] «/);
    const saved = await Essay.fromFile(out);
    assert.deepEqual(saved.checkForWrite(), []);
    assert.equal([...saved.selections].at(-1)?.type, 'сяп');
  });

  test('prints only JSON with --json: the added selections with their fragments, and the essay', async () => {
    const run = await mark([HIST, '--markup-command', PYTHON, '--json']);
    assert.equal(run.error, undefined, run.stderr);
    const report = JSON.parse(run.stdout) as {
      markup: string;
      out: null;
      added: Array<{ type: string; startSelection: number; endSelection: number; fragment: string }>;
      removed: number;
      unknownTypes: string[];
      essay: EssayData;
    };
    assert.equal(report.markup, `command:${PYTHON}`);
    assert.equal(report.out, null);
    assert.equal(report.removed, 0);
    assert.deepEqual(report.unknownTypes, []);
    const [sel] = report.added;
    assert.ok(sel);
    assert.equal(sel.fragment, report.essay.text.slice(sel.startSelection, sel.endSelection));
  });

  test('waits for a markup that has only an asynchronous variant, with a deadline and a signal', async () => {
    const module = await put(
      'async-only.js',
      `export default {
        name: 'async-only',
        async markup(essay, context) {
          if (!(context.signal instanceof AbortSignal) || context.deadline <= Date.now()) throw new Error('no context');
          await new Promise((resolve) => setImmediate(resolve));
          essay.selections.add({ startSelection: 0, endSelection: 5, type: 'пример', group: 'meaning' });
          return essay;
        },
      };`,
    );
    const run = await mark([RUS, '--markup', module]);
    assert.equal(run.error, undefined, run.stderr);
    assert.match(run.stderr, /markup "async-only" added 1 selection\n {2}\+ пример \[0\.\.5\] «/);
  });

  test('uses the demo when nothing is configured, and says it is only a demo', async () => {
    const run = await mark([RUS]);
    assert.equal(run.error, undefined, run.stderr);
    assert.match(run.stderr, /^warning: .*demo/m);
    assert.match(run.stderr, /markup "demo" added 1 selection/);
  });

  test('takes the markup from the configuration (MARKUP_COMMAND)', async () => {
    const run = await mark([HIST], { MARKUP_COMMAND: PYTHON });
    assert.equal(run.error, undefined, run.stderr);
    assert.match(run.stderr, /markup "command:python3 examples\/my_model\.py" added 1 selection/);
  });

  test('refuses an only-save configuration unless a flag chooses the markup', async () => {
    const run = await mark([RUS], { SESSION_IS_ONLY_SAVE_FILES: 'true' });
    expectExit(run.error, 1);
    assert.match((run.error as Error).message, /SESSION_IS_ONLY_SAVE_FILES .*--markup/);
    const flagged = await mark([RUS, '--markup', MODULE], { SESSION_IS_ONLY_SAVE_FILES: 'true' });
    assert.equal(flagged.error, undefined, flagged.stderr);
  });

  test('fails with exit 1 and the file name when the markup output is invalid', async () => {
    const module = await put(
      'bad-markup.js',
      `export default (essay) => {
        essay.selections.add({ startSelection: 0, endSelection: essay.text.length + 10, type: 'проблема', group: 'meaning' });
        return essay;
      };`,
    );
    const run = await mark([RUS, '--markup', module]);
    expectExit(run.error, 1);
    assert.match(
      run.stderr,
      /^error: .*1000001\.json: markup "module:bad-markup\.js" returned an invalid essay: /m,
    );
    assert.equal(run.stdout, '');
  });

  test('fails with exit 1 when the markup throws or changes the text, also as JSON', async () => {
    const throws = await put('throws.js', `export default () => { throw new Error('model not loaded'); };`);
    const run = await mark([RUS, '--markup', throws, '--json']);
    expectExit(run.error, 1);
    assert.match(run.stderr, /model not loaded/);
    const body = JSON.parse(run.stdout) as { error: { file: string; message: string } };
    assert.equal(body.error.file, RUS);
    assert.match(body.error.message, /model not loaded/);

    const edits = await put(
      'edits.js',
      `export default (essay) => ({ ...essay.toJSON(), text: 'другой текст' });`,
    );
    const edited = await mark([RUS, '--markup', edits]);
    expectExit(edited.error, 1);
    assert.match(edited.stderr, /changed the essay text/);
  });

  test('fails with exit 1 on a file that is not an essay and on a missing module', async () => {
    const notJson = await put('broken.json', '{"meta": ');
    const broken = await mark([notJson, '--markup', MODULE]);
    expectExit(broken.error, 1);
    assert.match(broken.stderr, /broken\.json:1:/);
    const missing = await mark([RUS, '--markup', './no-such-markup.js']);
    expectExit(missing.error, 1);
    assert.match(missing.stderr, /no-such-markup\.js does not exist/);
  });

  test('exits 0 when marked, 1 when the markup fails, 2 on usage errors', async () => {
    const out = join(dir, 'child.json');
    const [ok, failing, both, noFile] = await Promise.all([
      cli(['essay', 'mark', 'data/demo/train/1000001.json', '--markup', MODULE, '--out', out]),
      cli([
        'essay',
        'mark',
        'data/demo/train/1000001.json',
        '--markup-command',
        'python3 -c "import sys; sys.exit(3)"',
      ]),
      cli(['essay', 'mark', 'data/demo/train/1000001.json', '--markup', 'demo', '--markup-command', PYTHON]),
      cli(['essay', 'mark']),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, '');
    assert.ok((await stat(out)).isFile());
    assert.equal(JSON.parse(await readFile(out, 'utf8')).meta.id, '1000001');
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /^error: .*1000001\.json: .*exited with code 3/m);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either --markup or --markup-command/);
    assert.equal(noFile.code, 2);
  });
  test('Ctrl+C stops the markup command with its process group and exits 130', async (t) => {
    const child = new CliChild([
      'essay',
      'mark',
      'data/demo/train/1000001.json',
      '--markup-command',
      'echo "ready $$" >&2; exec sleep 300',
    ]);
    t.after(() => child.stop());
    await child.waitFor(/markup: ready (\d+)/, 'stderr');
    const pid = Number(/markup: ready (\d+)/.exec(child.stderr)?.[1]);
    child.kill('SIGINT');
    assert.equal(await child.exited, 130, child.output);
    assert.match(child.stderr, /^error: interrupted$/m);
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `markup command ${pid} is still running`);
  });
});
