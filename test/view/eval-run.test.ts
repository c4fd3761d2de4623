/// <reference lib="dom" />
// A real `readable eval` run: `--html` writes its run view as one file, and `readable view` shows the same
// run folder with the figures of its summary.json.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { DEMO, startView, tempDir } from './support/view.js';
import { BIN, assertBuilt } from '../support/cli.js';

// The built CLI (scripts/run-tests.mjs builds dist): its child starts in a fraction of tsx's time.
assertBuilt();
const run = promisify(execFile);
const readable = (args: string[], cwd: string) => run(process.execPath, [BIN, ...args], { cwd });

test('`eval --html` and the run page show a real eval run with the figures of its summary.json', async (t) => {
  const cwd = await tempDir(t);
  await readable(['eval', '--limit', '4', '--name', 'first', '--html', 'first.html'], cwd);
  await readable(['eval', '--limit', '4', '--name', 'second'], cwd);
  const runs = (await readdir(join(cwd, 'runs'))).sort();
  assert.equal(runs.length, 2);
  const [first, second] = runs as [string, string];
  const summary = JSON.parse(await readFile(join(cwd, 'runs', first, 'summary.json'), 'utf8')) as {
    overall: { STAR: number | null; MTotal: number | null; types: unknown[] };
    worst: unknown[];
  };
  await readable(
    ['eval', 'compare', join('runs', second), join('runs', first), '--html', 'compare.html'],
    cwd,
  );

  const browser = await launch(t);
  const page = await openPage(t, browser);
  await page.goto(pathToFileURL(join(cwd, 'first.html')).href);
  const html = await readFile(join(cwd, 'first.html'), 'utf8');
  assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)=/i, 'self-contained');
  assert.doesNotMatch(html, /href="\//, 'no link to a page of the server');
  assert.equal(await page.locator('[data-figure="STAR"]').textContent(), String(summary.overall.STAR ?? '–'));
  assert.equal(
    await page.locator('[data-figure="MTotal"]').textContent(),
    String(summary.overall.MTotal ?? '–'),
  );
  assert.equal(
    await page.locator('svg[aria-label="F1 per type (all subjects)"] rect.bar').count(),
    summary.overall.types.length,
  );
  assert.equal(
    await page.locator('section[aria-labelledby="worst-h"] tbody tr').count(),
    summary.worst.length,
  );
  assert.deepEqual(pageErrors(page), []);
  await screenshot(t, page, 'eval-run-standalone');

  await page.goto(pathToFileURL(join(cwd, 'compare.html')).href);
  assert.equal(await page.locator('table.overall thead th').count(), 4, 'figure, run A, run B, change');

  const url = await startView(t, [cwd, DEMO]); // as `readable view` serves the shipped demo too
  await page.goto(`${url}run?d=${encodeURIComponent(join('runs', first))}`);
  assert.equal(await page.locator('[data-figure="STAR"]').textContent(), String(summary.overall.STAR ?? '–'));
  await page.locator('section[aria-labelledby="worst-h"] tbody a').first().click();
  await page.waitForURL(/\/essay\?/);
  await page.getByRole('link', { name: /Compare with the experts/ }).click();
  await page.waitForURL(/\/compare\?/);
  assert.ok((await page.locator('section.pair').count()) >= 2, 'the worst essay opens against its experts');
  assert.deepEqual(pageErrors(page), []);
  await screenshot(t, page, 'eval-worst-compare');
});
