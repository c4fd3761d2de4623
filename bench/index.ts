// `npm run bench`: every benchmark, figures printed and written to bench/results.json. Not a test.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchSession, formatFigures } from './session.js';

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
// Other processes on the machine move every latency figure: keep the load next to the numbers.
const machine = { cpus: cpus().length, loadBefore: loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`${machine.cpus} CPUs, load average ${machine.loadBefore.join(' ')}`);

const session = await benchSession();
console.log(
  `Session client (local platform on loopback, ${session.placement}; outgoing store: ${session.outgoingStore})`,
);
console.log(formatFigures(session.figures));
results.session = session;

const psrPath = join(import.meta.dirname, 'psr.ts');
if (existsSync(psrPath)) {
  const { benchPsr } = (await import(pathToFileURL(psrPath).href)) as {
    benchPsr: () => Promise<Record<string, number>>;
  };
  console.log('\nPSR');
  const psr = await benchPsr();
  for (const [name, value] of Object.entries(psr)) console.log(`${name.padEnd(40)} ${value}`);
  results.psr = psr;
} else {
  console.log('\nPSR: bench/psr.ts not found, skipped');
}

const { benchEvalScoring, formatEvalScoring } = await import('./eval-scoring.js');
console.log('\nEval scoring');
const evalScoring = await benchEvalScoring();
console.log(formatEvalScoring(evalScoring));
results.evalScoring = evalScoring;

const { benchMarkup, formatMarkup } = await import('./markup.js');
console.log('\nMarkup: per-essay latency (sequential, interleaved rounds) and worker scaling');
const markupFigures = await benchMarkup();
console.log(formatMarkup(markupFigures));
results.markup = markupFigures;

results.machine = { ...machine, loadAfter: loadavg().map((l) => Number(l.toFixed(2))) };
const out = join(import.meta.dirname, 'results.json');
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten ${out}`);
