#!/usr/bin/env node
// Node 20's test runner does not expand globs, so we collect test files here.
// Usage: node scripts/run-tests.mjs [filter-substring...]
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

const filters = process.argv.slice(2);
const files = collect('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// CLI tests run the built `dist` (test/support/cli.ts): build it once per run, incrementally. The build
// info lives outside dist, so it is dropped when dist is gone, else tsc would think dist is current.
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

const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files],
  { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', READABLE_DIST_FRESH: '1' } },
);
process.exit(r.status ?? 1);
