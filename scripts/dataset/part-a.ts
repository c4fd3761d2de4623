import { LIT_MORE } from './part-a-lit-more.js';
import { LIT } from './part-a-lit.js';
import { RUS_FREE_MORE } from './part-a-rus-free-more.js';
import { RUS_FREE } from './part-a-rus-free.js';
import { RUS_MORE } from './part-a-rus-more.js';
import { RUS } from './part-a-rus.js';
import { SOCIAL_MORE } from './part-a-social-more.js';
import { SOCIAL } from './part-a-social.js';
import type { SourceEssay } from './types.js';

/** Part A of the demo dataset: rus, rus-free, lit and social, six essays each (ids 1000001..1000024). */
export const PART_A: SourceEssay[] = [
  ...RUS,
  ...RUS_MORE,
  ...RUS_FREE,
  ...RUS_FREE_MORE,
  ...LIT,
  ...LIT_MORE,
  ...SOCIAL,
  ...SOCIAL_MORE,
];
