import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/**
A real small disk for failure tests: a 64 KiB tmpfs, unmounted and removed after the test.
Mounting needs root (CI and the development machines run as root); elsewhere the test is skipped
with the reason, never faked.
*/
export async function tinyDisk(t: TestContext): Promise<string | undefined> {
  // Outside any other temp dir of the test: the disk must be unmounted before its mount point goes.
  const dir = await mkdtemp(join(tmpdir(), 'readable-disk-'));
  let mounted = false;
  t.after(async () => {
    if (mounted) execFileSync('umount', ['-l', dir]);
    await rm(dir, { recursive: true, force: true });
  });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    mounted = true;
    return dir;
  } catch (error) {
    t.skip(`cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

/** Fills the disk to the last byte. */
export async function fill(disk: string): Promise<void> {
  await writeFile(join(disk, 'filler'), Buffer.alloc(1 << 20)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOSPC') throw error;
  });
}

/** Makes the disk read-only, as a failing or write-protected drive is. */
export function readOnly(disk: string): void {
  execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'pipe' });
}
