import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt } from '../support/cli.js';
import { runSoak } from '../../bench/soak.js';

// A small soak (the 10 000-file one is `npm run soak`, not a test): 400 files through one session of
// the real client process, its descriptors sampled every 100 answered files. RSS is printed, not
// asserted: on a shared machine a 400-file RSS figure says little (the full soak judges it).

test('400 files through one session: every file answered, no descriptor left open', async (t) => {
  assertBuilt();
  const lines: string[] = [];
  const r = await runSoak({ files: 400, every: 100, out: (line) => lines.push(line) });
  t.diagnostic(lines.join('\n'));
  assert.equal(r.clientExit, 0, lines.join('\n'));
  assert.equal(r.answered, 400);
  assert.equal(r.samples.length, 4);
  assert.ok(r.fdGrowth <= 0, `descriptors grew by ${r.fdGrowth}:\n${lines.join('\n')}`);
});
