import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadModuleMarkup, Marker, MarkupError } from '../../src/markup/index.js';
import { contextFor, FIXTURES, makeTempDir, ROOT, sampleEssay } from './support.js';

const EXPECTED =
  'expected a Markup object (with a markup(essay, context) method), a class that builds one, or a function (essay, context) => essay';

describe('module markup', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(() => temp.remove());

  /** Writes a module into the temp dir and returns its path. */
  const module = async (name: string, source: string): Promise<string> => {
    const path = join(temp.dir, name);
    await writeFile(path, source);
    return path;
  };

  const configError = async (path: string, message: string): Promise<void> => {
    await assert.rejects(loadModuleMarkup(path), (error: unknown) => {
      assert.ok(error instanceof MarkupError);
      assert.equal(error.kind, 'config');
      assert.equal(error.context.path, path);
      assert.equal(error.message, message);
      return true;
    });
  };

  it('reports a module that does not exist', async () => {
    const path = join(temp.dir, 'missing.js');
    await configError(path, `markup module ${path} does not exist`);
  });

  it('resolves a relative path against cwd and names the absolute path', async () => {
    await assert.rejects(loadModuleMarkup('./nope.mjs', { cwd: temp.dir }), {
      message: `markup module ${join(temp.dir, 'nope.mjs')} does not exist`,
    });
  });

  it('reports a directory given as a module', async () => {
    const path = join(temp.dir, 'dir.js');
    await mkdir(path);
    await configError(path, `markup module ${path} is not a file`);
  });

  it('reports a module without a default or `markup` export, listing what it exports', async () => {
    const path = await module('named.mjs', 'export const mark = () => null;\nexport const version = 1;\n');
    await configError(
      path,
      `markup module ${path} has no default export and no export named "markup"; it exports: mark, version`,
    );
  });

  it('reports a module that exports nothing', async () => {
    const path = await module('empty.mjs', '\n');
    await configError(
      path,
      `markup module ${path} has no default export and no export named "markup"; it exports nothing`,
    );
  });

  it('reports a default export of the wrong type', async () => {
    const path = await module('number.mjs', 'export default 42;\n');
    await configError(path, `markup module ${path}: the default export is a number; ${EXPECTED}`);
  });

  it('reports an object without a markup() method, listing its keys', async () => {
    const path = await module('object.mjs', 'export const markup = { name: "x", mark() {} };\n');
    await configError(
      path,
      `markup module ${path}: the export "markup" is an object without a markup() method (keys: name, mark); ${EXPECTED}`,
    );
  });

  it('reports a class whose constructor throws', async () => {
    const path = await module(
      'throws.mjs',
      'export default class Model { constructor() { throw new Error("no weights"); } markup() {} }\n',
    );
    await configError(path, `markup module ${path}: new Model() (the default export) threw: no weights`);
  });

  it('reports a module that cannot be loaded', async () => {
    const path = await module('broken.mjs', 'export default {\n');
    await assert.rejects(loadModuleMarkup(path), (error: unknown) => {
      assert.ok(error instanceof MarkupError);
      assert.equal(error.kind, 'config');
      assert.match(error.message, new RegExp(`^markup module ${path} cannot be loaded: `));
      return true;
    });
  });

  it('uses the name the module gives, or its file name', async () => {
    const named = await loadModuleMarkup('examples/my-markup.js', { cwd: ROOT });
    assert.equal(named.name, 'my-markup');
    const unnamed = await loadModuleMarkup(join(FIXTURES, 'function-markup.mjs'));
    assert.equal(unnamed.name, 'module:function-markup.mjs');
  });

  it('turns garbage returned by a module function into an invalid MarkupError', async () => {
    const path = await module('garbage.mjs', 'export default () => 42;\n');
    const marker = new Marker(await loadModuleMarkup(path));
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), {
      name: 'MarkupError',
      kind: 'invalid',
      message: 'markup "module:garbage.mjs" returned a number for file 0000001, not an essay',
    });
  });

  it('turns a plain object that is not an essay into an invalid MarkupError', async () => {
    const path = await module('not-essay.mjs', 'export default async () => ({ text: 5 });\n');
    await assert.rejects((await loadModuleMarkup(path)).markup(sampleEssay(), contextFor()), {
      kind: 'invalid',
      message:
        'markup "module:not-essay.mjs" returned an object that is not an essay for file 0000001: the result of markup "module:not-essay.mjs": meta: missing (required)',
    });
  });

  it('refuses a Promise from the synchronous variant of a plain function', async () => {
    const path = await module('async.mjs', 'export default async (essay) => essay;\n');
    const marker = new Marker(await loadModuleMarkup(path));
    assert.throws(() => marker.markupSync(sampleEssay()), {
      kind: 'config',
      message:
        'markup "module:async.mjs" returned a Promise from a synchronous call; one-off use needs a markup that returns the essay directly',
    });
  });

  it('closes the user markup once, however often it is closed', async () => {
    const path = await module(
      'closing.mjs',
      'export let closed = 0;\nexport default { markup: (e) => e, close() { closed++; } };\n',
    );
    const markup = await loadModuleMarkup(path);
    await Promise.all([markup.close?.(), markup.close?.()]);
    await markup.close?.();
    const loaded = (await import(pathToFileURL(path).href)) as { closed: number };
    assert.equal(loaded.closed, 1);
  });
});
