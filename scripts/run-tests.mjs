#!/usr/bin/env node
// Node 20's test runner does not expand globs, so we collect test files here.
// Usage: node scripts/run-tests.mjs [--durations[=N]] [--concurrency=N] [--build-only] [filter-substring...]
//   --durations[=N]   print the N (default 15) slowest test files, each timed by its own process
//   --concurrency=N   test files run at once (default READABLE_TEST_CONCURRENCY, else 4)
//   --build-only      only the incremental build of dist (what `npm test` runs beside the checks)
// READABLE_SKIP_BUILD=1 skips the build (scripts/test.mjs has just run it).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name) => flag(name)?.split('=')[1];
const durations = flag('durations') === undefined ? 0 : Number(value('durations') ?? 15);
// Most test files wait on sockets, child processes and timers rather than on the CPU: four at a
// time keeps two cores busy even beside other work. Every test uses its own temp dir and port 0.
const concurrency = Number(value('concurrency') ?? process.env.READABLE_TEST_CONCURRENCY ?? 4);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency must be a positive integer (got ${value('concurrency')})`);
  process.exit(2);
}
const buildOnly = flag('build-only') !== undefined;
const filters = args.filter((a) => !a.startsWith('--'));

// CLI tests run the built `dist` (test/support/cli.ts): build it once per run, incrementally. The build
// info lives outside dist, so it is dropped when dist is gone, else tsc would think dist is current.
if (process.env.READABLE_SKIP_BUILD !== '1') {
  const buildInfo = 'node_modules/.cache/readable-baseline/build.tsbuildinfo';
  if (!existsSync('dist/cli/index.js')) rmSync(buildInfo, { force: true });
  const tsc = spawnSync(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ],
    { stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    console.error('the build failed: the CLI tests need dist');
    process.exit(tsc.status ?? 1);
  }
}
if (buildOnly) process.exit(0);

const files = collect('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const timings = durations > 0 ? join(mkdtempSync(join(tmpdir(), 'readable-timings-')), 'files.jsonl') : '';
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    ...(durations > 0 ? ['--import', './scripts/test-file-timer.mjs'] : []),
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=120000',
    ...files,
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      READABLE_DIST_FRESH: '1',
      ...(timings && { READABLE_TEST_TIMINGS: timings }),
    },
  },
);
if (timings) {
  const rows = existsSync(timings)
    ? readFileSync(timings, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .sort((a, b) => b.ms - a.ms)
    : [];
  const sum = (key) => (rows.reduce((s, row) => s + row[key], 0) / 1000).toFixed(1);
  console.log(
    `\nslowest test files (wall time of each file's process, and its own CPU time without its children; ` +
      `${rows.length} files, ${sum('ms')} s wall and ${sum('cpuMs')} s CPU in all, ${concurrency} at a time):`,
  );
  for (const row of rows.slice(0, durations))
    console.log(
      `${(row.ms / 1000).toFixed(1).padStart(7)} s wall ${(row.cpuMs / 1000).toFixed(1).padStart(6)} s CPU  ${relative(process.cwd(), row.file)}`,
    );
  rmSync(join(timings, '..'), { recursive: true, force: true });
}
process.exit(r.status ?? 1);
