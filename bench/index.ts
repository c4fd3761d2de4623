// `npm run bench`: every benchmark, figures printed and written to bench/results.json. Not a test.
// BENCH_ONLY=sessionServer,psr runs only the named sections.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** One benchmark: its figures go to results.json under `key`, its text to the console. */
interface Section {
  key: string;
  title: string;
  run(): Promise<{ figures: unknown; text: string }>;
}

// A plain list: a new benchmark is one more entry.
const SECTIONS: Section[] = [
  {
    key: 'sessionServer',
    title: 'Session client, measured in the server',
    async run() {
      const { benchSessionServer, formatServerSide } = await import('./session-server.js');
      const figures = await benchSessionServer();
      return { figures, text: formatServerSide(figures) };
    },
  },
  {
    key: 'session',
    title: 'Session client, measured inside the client (local platform on loopback)',
    async run() {
      const { benchSession, formatFigures } = await import('./session.js');
      const figures = await benchSession();
      const head = `${figures.placement}; outgoing store: ${figures.outgoingStore}`;
      return { figures, text: `${head}\n${formatFigures(figures.figures)}` };
    },
  },
  {
    key: 'psr',
    title: 'PSR',
    async run() {
      const { benchPsr } = await import('./psr.js');
      const figures = await benchPsr();
      const text = Object.entries(figures)
        .map(([name, value]) => `${name.padEnd(40)} ${value}`)
        .join('\n');
      return { figures, text };
    },
  },
  {
    key: 'evalScoring',
    title: 'Eval scoring',
    async run() {
      const { benchEvalScoring, formatEvalScoring } = await import('./eval-scoring.js');
      const figures = await benchEvalScoring();
      return { figures, text: formatEvalScoring(figures) };
    },
  },
  {
    key: 'markup',
    title: 'Markup: per-essay latency (sequential, interleaved rounds) and worker scaling',
    async run() {
      const { benchMarkup, formatMarkup } = await import('./markup.js');
      const figures = await benchMarkup();
      return { figures, text: formatMarkup(figures) };
    },
  },
];

const only = process.env.BENCH_ONLY?.split(',').filter((s) => s !== '');
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
// Other processes on the machine move every latency figure: keep the load next to the numbers.
const machine = { cpus: cpus().length, loadBefore: loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`${machine.cpus} CPUs, load average ${machine.loadBefore.join(' ')}`);
for (const section of SECTIONS) {
  if (only !== undefined && !only.includes(section.key)) continue;
  console.log(`\n${section.title}`);
  const { figures, text } = await section.run();
  console.log(text);
  results[section.key] = figures;
}
results.machine = { ...machine, loadAfter: loadavg().map((l) => Number(l.toFixed(2))) };
const out = join(import.meta.dirname, 'results.json');
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten ${out}`);
