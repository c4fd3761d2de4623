import { join } from 'node:path';
import { loadModuleMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { FIXTURES, ROOT } from './support.js';

markupContract('module: examples/my-markup.js (an object)', async () => ({
  markup: await loadModuleMarkup('examples/my-markup.js', { cwd: ROOT }),
}));
markupContract('module: a plain function returning a plain object', async () => ({
  markup: await loadModuleMarkup(join(FIXTURES, 'function-markup.mjs')),
}));
markupContract('module: a TypeScript class exported as `markup`', async () => ({
  markup: await loadModuleMarkup(join(FIXTURES, 'class-markup.ts')),
}));
