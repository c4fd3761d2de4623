import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../src/log.js';
import { START, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';

/** A real full disk: a tiny tmpfs filled to the last byte. Needs root (CI and this machine run as root). */
function mountTinyDisk(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
}

test('a full disk is reported precisely and the session still answers every file', async (t) => {
  const env = await setup(t, { count: 3 });
  // Outside env.dir: the disk must be unmounted before its mount point is removed.
  const disk = await mkdtemp(join(tmpdir(), 'readable-full-disk-'));
  const why = mountTinyDisk(disk);
  t.after(async () => {
    if (why === undefined) execFileSync('umount', ['-l', disk]);
    await rm(disk, { recursive: true, force: true });
  });
  if (why !== undefined) return t.skip(why);
  await writeFile(join(disk, 'filler'), Buffer.alloc(1 << 20)).catch((error: NodeJS.ErrnoException) =>
    assert.equal(error.code, 'ENOSPC'),
  );

  let logged = '';
  const logger = createLogger({ debug: false, console: { write: (s: string) => (logged += s) } });
  t.after(() => logger.close());
  const session = makeSession({ filesDir: join(disk, 'files'), host: env.host }, demo(), { logger });
  await session.start(START);
  const summary = await session.done;

  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.match(logged, /could not save the received essay; going on with it in memory/);
  assert.match(logged, /no space left on device/);
  assert.match(logged, new RegExp(`${disk}/files/sessions/\\d+/input/${env.ids[0]}\\.json`));
});
