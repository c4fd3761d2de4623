/// <reference lib="dom" />
// The session page follows a real session — `readable session start` against the built-in local platform,
// in its own process as a user would run it in another terminal — without a reload.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { startView, tempDir } from './support/view.js';
import { BIN, assertBuilt } from '../support/cli.js';

// The built CLI (scripts/run-tests.mjs builds dist): its child starts in a fraction of tsx's time.
assertBuilt();

/** Resolves once `path` exists: a condition checked every 50 ms, never a fixed wait. */
async function appears(path: string, exited: Promise<unknown>, limitMs = 60_000): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (const until = Date.now() + limitMs; Date.now() < until; await delay(50)) {
    try {
      return await access(path);
    } catch {
      if (done) throw new Error(`the session ended before ${path} appeared`);
    }
  }
  throw new Error(`${path} did not appear`);
}

test('session page: statuses and countdowns update live while a real session runs, then show its end', async (t) => {
  const cwd = await tempDir(t);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['TOKEN', 'HOST', 'MARKUP', 'MARKUP_COMMAND', 'FILES_DIR', 'LOGS_DIR', 'DEBUG'])
    delete env[k];
  // The markup holds every essay until the test opens the gate: the page is seen mid-session for sure.
  const child = spawn(
    process.execPath,
    [
      BIN,
      'session',
      'start',
      '--time-scale',
      '0.1',
      '--on-markup-failure',
      'send-late',
      '--markup-command',
      'while [ ! -e gate ]; do sleep 0.05; done; cat',
    ],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  t.after(async () => {
    await writeFile(join(cwd, 'gate'), '').catch(() => undefined);
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });

  const url = await startView(t, [cwd], { pollMs: 100 });
  await appears(join(cwd, 'files', 'sessions', '1', 'input'), exited);
  const browser = await launch(t);
  const page = await openPage(t, browser);
  await page.goto(`${url}session?d=files/sessions/1`);

  // Mid-session: files received and held by the markup, their deadlines shown (counting down, or passed
  // on a slow machine), nothing accepted yet.
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll(
      'tbody tr[data-status="received"], tbody tr[data-status="marked"]',
    );
    return rows.length >= 1 && /\d\.\d s|passed/.test(document.querySelector('tbody')?.textContent ?? '');
  });
  assert.equal(await page.locator('[data-count="accepted"]').textContent(), '0');
  assert.equal(await page.locator('[data-end]').textContent(), 'running');
  const before = Number(await page.locator('[data-live-session]').getAttribute('data-version'));
  await screenshot(t, page, 'session-live');

  await writeFile(join(cwd, 'gate'), '');
  assert.equal(await exited, 0, output);
  // The page was never reloaded: the same document saw the session through to its end.
  await page.waitForFunction(() => document.querySelector('[data-end]')?.textContent !== 'running');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-count="accepted"]')?.textContent ===
      document.querySelector('[data-count="received"]')?.textContent,
  );
  const after = Number(await page.locator('[data-live-session]').getAttribute('data-version'));
  assert.ok(after > before, `the page received updates (${before} → ${after})`);
  const statuses = await page
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  assert.equal(statuses.length, 10);
  assert.ok(
    statuses.every((s) => s === 'accepted' || s === 'late'),
    statuses.join(' '),
  );
  assert.equal(await page.locator('[data-end]').textContent(), 'finish');
  // Each file links to its essay.
  const href = await page.locator('tbody tr a').first().getAttribute('href');
  assert.match(href ?? '', /^\/essay\?f=files%2Fsessions%2F1%2Foutput%2F/);
  assert.deepEqual(pageErrors(page), []);
  await screenshot(t, page, 'session-done');
});
