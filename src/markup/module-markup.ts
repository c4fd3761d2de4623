import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adaptMarkup, hasMarkupMethod, isMarkupClass, type MarkupFunction } from './adapt-markup.js';
import { MarkupError } from './errors.js';
import { describe } from './to-essay.js';
import type { Markup } from './types.js';

export interface ModuleMarkupOptions {
  /** Where a relative path resolves. @default process.cwd() */
  cwd?: string;
}

const EXPECTED =
  'expected a Markup object (with a markup(essay, context) method), a class that builds one, or a function (essay, context) => essay';

/**
Loads a user's markup module (`--markup ./my-markup.js`; `.ts` needs the user's loader, e.g.
`node --import tsx`). The module exports, as `default` or as `markup`, an object implementing
`Markup`, a class to instantiate without arguments, or a plain function. Every problem is a
`config` MarkupError naming the path and what was found.
*/
export async function loadModuleMarkup(path: string, options: ModuleMarkupOptions = {}): Promise<Markup> {
  const file = resolve(options.cwd ?? process.cwd(), path);
  const fail = (why: string, cause?: unknown): MarkupError =>
    new MarkupError(
      `markup module ${file}${why.startsWith(':') ? '' : ' '}${why}`,
      'config',
      { markup: 'module', path: file },
      { cause },
    );

  const info = await stat(file).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    throw fail(code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code)})`, error);
  });
  if (!info.isFile()) throw fail('is not a file');

  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /\.[cm]?tsx?$/.test(file)
      ? ' (a TypeScript module needs a loader: run with `node --import tsx` or use a .js file)'
      : '';
    throw fail(`cannot be loaded: ${reason}${hint}`, error);
  }

  const [exportName, value] =
    exports.default !== undefined ? ['default export', exports.default] : ['export "markup"', exports.markup];
  if (value === undefined) {
    const names = Object.keys(exports);
    const found = names.length === 0 ? 'it exports nothing' : `it exports: ${names.join(', ')}`;
    throw fail(`has no default export and no export named "markup"; ${found}`);
  }

  const fallbackName = `module:${basename(file)}`;
  if (isMarkupClass(value)) {
    let instance: unknown;
    try {
      instance = new value();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw fail(`: new ${value.name || 'class'}() (the ${exportName}) threw: ${reason}`, error);
    }
    if (!hasMarkupMethod(instance))
      throw fail(`: the ${exportName} is a class whose instances have no markup() method; ${EXPECTED}`);
    return adaptMarkup(instance, fallbackName);
  }
  if (typeof value === 'function') return adaptMarkup(value as MarkupFunction, fallbackName);
  if (hasMarkupMethod(value)) return adaptMarkup(value, fallbackName);

  const what =
    typeof value === 'object' && value !== null
      ? `an object without a markup() method (keys: ${Object.keys(value).join(', ') || 'none'})`
      : describe(value);
  throw fail(`: the ${exportName} is ${what}; ${EXPECTED}`);
}
