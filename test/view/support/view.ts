import type { TestContext } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Roots, startViewServer } from '../../../src/view/index.js';
import type { ViewServerOptions } from '../../../src/view/index.js';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const DEMO = join(REPO, 'data', 'demo');

export async function tempDir(t: TestContext, prefix = 'readable-view-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The real view server over `dirs`, closed after the test. */
export async function startView(
  t: TestContext,
  dirs: string[],
  options: Omit<ViewServerOptions, 'roots'> = {},
): Promise<string> {
  const server = await startViewServer({ roots: await Roots.open(dirs), ...options });
  t.after(() => server.close());
  return server.url;
}
