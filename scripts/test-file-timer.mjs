// Preloaded into every test file's process by `node scripts/run-tests.mjs --durations`: appends the
// file's wall time (process start to exit, so startup, transpiling and hooks included) and the CPU time
// of that process (not of the children it spawns) to the JSON
// lines file named by READABLE_TEST_TIMINGS. Node 20's runner reports child output only when the
// file is done, so a reporter cannot time files; each process times itself.
import { appendFileSync } from 'node:fs';

const out = process.env.READABLE_TEST_TIMINGS;
const file = process.argv[1] ?? '';
if (out && file.endsWith('.test.ts')) {
  process.on('exit', () => {
    const ms = Math.round(process.uptime() * 1000);
    const { user, system } = process.cpuUsage();
    appendFileSync(out, `${JSON.stringify({ file, ms, cpuMs: Math.round((user + system) / 1000) })}\n`);
  });
}
