// `node --import tsx bench/run-markup.ts`: only the markup section of `npm run bench`.
import { loadavg } from 'node:os';
import { benchMarkup, formatMarkup } from './markup.js';

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(formatMarkup(await benchMarkup()));
