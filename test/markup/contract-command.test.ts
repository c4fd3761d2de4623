import { createCommandMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { NODE, ROOT } from './support.js';

markupContract('command: node script', () => ({
  markup: createCommandMarkup({ command: `${NODE} test/markup/fixtures/behave.mjs mark`, cwd: ROOT }),
}));
markupContract('command: python3 examples/my_model.py', () => ({
  markup: createCommandMarkup({ command: 'python3 examples/my_model.py', cwd: ROOT }),
}));
