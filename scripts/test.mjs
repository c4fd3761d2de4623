#!/usr/bin/env node
// `npm test`: the type check, eslint, prettier --check, the Chromium check and the build run side by
// side (each is a separate process; their outputs are printed whole, one after the other); the test
// files (scripts/run-tests.mjs) start as soon as the build and Chromium are ready, beside the checks
// still running. Exits non-zero if any step fails, after every step has run and printed its output,
// with a line per step saying how long it took.
// Caches (tsc build info, eslint and prettier caches) live in node_modules/.cache/readable-baseline:
// a clean clone runs everything cold, a second run only re-checks what changed.
// Usage: node scripts/test.mjs [filter-substring...]   (filters go to run-tests.mjs)
import { spawn } from 'node:child_process';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const filters = process.argv.slice(2);

/** Runs `cmd args` with its output captured; resolves with its exit code, output and wall time. */
function step(name, cmd, args, { inherit = false, env = {} } = {}) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let output = '';
    if (!inherit) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('error', (error) => {
      output += `${error.message}\n`;
    });
    child.on('close', (code, signal) =>
      resolve({ name, code: code ?? (signal ? 1 : 0), output, seconds: (Date.now() - start) / 1000 }),
    );
  });
}

const start = Date.now();
// The tests need dist and Chromium only: they start as soon as both are ready, beside the checks
// (most test files wait on sockets and child processes, so the checks fill the idle CPU).
const checks = [
  step('typecheck', NPM, ['run', '--silent', 'typecheck']),
  step('lint', NPM, ['run', '--silent', 'lint']),
  step('format:check', NPM, ['run', '--silent', 'format:check']),
];
const ready = await Promise.all([
  step('build', process.execPath, ['scripts/run-tests.mjs', '--build-only']),
  step('ensure-chromium', 'bash', ['scripts/ensure-chromium.sh']),
]);
const print = (r) => {
  const text = r.output.trim();
  if (text !== '') console.log(`--- ${r.name}\n${text}`);
};
ready.forEach(print);
const results = [...ready];
if (ready.every((r) => r.code === 0)) {
  // The build is fresh: run-tests.mjs skips its own.
  results.push(
    await step('tests', process.execPath, ['scripts/run-tests.mjs', ...filters], {
      inherit: true,
      env: { READABLE_SKIP_BUILD: '1' },
    }),
  );
}
// The checks' output after the tests', never in the middle of it.
const checked = await Promise.all(checks);
checked.forEach(print);
results.unshift(...checked);
console.log('\nnpm test steps:');
for (const r of results)
  console.log(
    `  ${r.name.padEnd(16)} ${r.code === 0 ? 'ok    ' : `FAILED`} ${r.seconds.toFixed(1).padStart(6)} s`,
  );
console.log(`  ${'total'.padEnd(16)}        ${((Date.now() - start) / 1000).toFixed(1).padStart(6)} s`);
const bad = results.filter((r) => r.code !== 0);
if (bad.length > 0) {
  console.log(`failed: ${bad.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
