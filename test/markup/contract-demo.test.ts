import { createDemoMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';

markupContract('demo', () => ({ markup: createDemoMarkup() }));
