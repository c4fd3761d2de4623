import { createOnlySaveMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';

markupContract('only-save', () => ({ markup: createOnlySaveMarkup(), answersNull: true }));
