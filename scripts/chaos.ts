// `npm run chaos`: the chaos suite (docs/chaos.md). Seeded; prints its seed, a line per run and the figures.
import { Command, InvalidArgumentError } from 'commander';
import { runSuite } from './chaos/suite.js';
import type { RunPlan } from './chaos/run.js';

const integer = (min: number) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer ≥ ${min}`);
  return n;
};
const positive = (raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};

const program = new Command('chaos')
  .description(
    'Real platform and client processes with faults injected at random moments; checks nothing is lost',
  )
  .option('--seed <n>', 'seed of the run plans (default: random, printed)', integer(0))
  .option('--runs <n>', 'how many runs', integer(1), 200)
  .option('--time-scale <x>', 'session time scale (10 s per file × x)', positive, 0.1)
  .option(
    '--plan <json>',
    'replay one plan (as a failed run left it in plan.json) --runs times',
    (raw: string) => {
      try {
        return JSON.parse(raw) as RunPlan;
      } catch {
        throw new InvalidArgumentError('must be a plan in JSON');
      }
    },
  )
  .parse();
const opts = program.opts<{ seed?: number; runs: number; timeScale: number; plan?: RunPlan }>();
const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
const plans = opts.plan === undefined ? undefined : Array.from({ length: opts.runs }, () => opts.plan!);
const figures = await runSuite({ seed, runs: opts.runs, timeScale: opts.timeScale, ...(plans && { plans }) });
const failed = figures.lost + figures.mixedUp + figures.leftBehind + figures.stuck + figures.noSession;
process.exitCode = failed > 0 ? 1 : 0;
