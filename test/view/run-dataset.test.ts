/// <reference lib="dom" />
// The run page (an eval run folder as docs/eval.md lays it out), its comparison with another run, the
// dataset page and the home page, in a real browser.
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { DEMO, startView, tempDir } from './support/view.js';

function typeStats(type: string, matched: number, missed: number, spurious: number) {
  const precision = matched + spurious ? matched / (matched + spurious) : null;
  const recall = matched + missed ? matched / (matched + missed) : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : 0;
  return { type, matched, missed, retyped: 0, spurious, precision, recall, f1 };
}

/** A run folder written to the documented format (docs/eval.md, version 1). */
async function writeRun(dir: string, name: string, star: number, f1Shift: number): Promise<void> {
  await mkdir(join(dir, 'answers'), { recursive: true });
  const types = [
    typeStats('проблема', 8 + f1Shift, 2, 1),
    typeStats('пример', 5, 5 - f1Shift, 3),
    typeStats('Р.повтор', 1, 9, 6),
  ];
  const subject = (s: string, k: number) => ({
    subject: s,
    essays: 2,
    pairs: 4,
    STAR: star + k,
    OTAR: star + k + 5,
    MTotal: star + k - 3,
    STER_AVG: 80,
    criteria: ['K1', 'K2', 'K3'].map((key, i) => ({
      key,
      max: 2,
      n: 4,
      meanAbsDelta: 0.25 * i,
      exactRate: 1 - 0.25 * i - f1Shift * 0.05,
      meanDelta: 0,
    })),
    types,
  });
  const scores = [
    { id: '1000001', subject: 'rus', MTotal: star - 10 },
    { id: '1000002', subject: 'rus', MTotal: star + 4 },
    { id: '2000001', subject: 'eng', MTotal: star - 2 },
  ].map((e) => ({
    ...e,
    name: null,
    split: 'train',
    status: 'scored',
    words: 250,
    markupMs: 5,
    late: false,
    STAR: e.MTotal,
    OTAR: null,
    STER_AVG: 80,
    criteria: {},
    experts: [],
    types: {},
    warnings: [],
  }));
  await writeFile(join(dir, 'scores.jsonl'), scores.map((s) => JSON.stringify(s)).join('\n') + '\n');
  await copyFile(join(DEMO, 'train', '1000001_exp1.json'), join(dir, 'answers', '1000001.json'));
  await writeFile(
    join(dir, 'summary.json'),
    JSON.stringify({
      format: 'readable-eval-run',
      version: 1,
      toolkit: '0.1.0',
      name,
      startedAt: '2026-12-07T03:10:22.000Z',
      endedAt: '2026-12-07T03:10:30.000Z',
      complete: true,
      dataset: { dir: DEMO, split: 'train', subjects: null, limit: null, essays: 3 },
      markup: { mode: 'demo', description: 'demo <script>x</script>' },
      scoring: { compat: 'default', m7Tables: null },
      deadlineSec: null,
      counts: { selected: 3, scored: 3, failed: 0, late: 0, notRun: 0 },
      overall: { essays: 3, pairs: 6, STAR: star, OTAR: star + 5, MTotal: star - 3, STER_AVG: 80, types },
      subjects: [subject('eng', 2), subject('rus', -1)],
      worst: scores
        .slice()
        .sort((a, b) => a.MTotal - b.MTotal)
        .map((s) => ({
          id: s.id,
          name: null,
          subject: s.subject,
          split: 'train',
          MTotal: s.MTotal,
          STAR: s.STAR,
          OTAR: null,
        })),
      failures: [],
      timing: { wallMs: 8000, markupMs: 15, scoringMs: 40 },
    }),
  );
}

test('run page: charts per subject, criterion and type, worst essays, and the comparison of two runs', async (t) => {
  const root = await tempDir(t);
  const a = join(root, 'runs', '2026-12-07T03-20-00Z-try2');
  const b = join(root, 'runs', '2026-12-07T03-10-00Z-try1');
  await writeRun(a, 'try2', 40, 1);
  await writeRun(b, 'try1', 30, 0);
  const url = await startView(t, [root]);
  const browser = await launch(t);
  const page = await openPage(t, browser);

  await page.goto(url);
  assert.equal(await page.locator('a[href^="/run?"]').count(), 2, 'the home page lists both runs');

  await page.goto(`${url}run?d=runs/2026-12-07T03-20-00Z-try2`);
  assert.equal(await page.locator('[data-figure="STAR"]').textContent(), '40');
  const charts = await page
    .locator('figure.bars svg')
    .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));
  assert.ok(charts.includes('STAR per subject'));
  assert.ok(charts.includes('F1 per type (all subjects)'));
  assert.ok(charts.some((c) => c?.startsWith('rus: criteria')));
  assert.equal(await page.locator('svg[aria-label="F1 per type (all subjects)"] rect.bar').count(), 3);
  assert.match(
    (await page.locator('dl.meta').textContent()) ?? '',
    /demo <script>x<\/script>/,
    'shown as text',
  );
  const worst = page.locator('section[aria-labelledby="worst-h"] tbody tr');
  assert.equal(await worst.count(), 3);
  assert.equal((await worst.first().locator('th').textContent())?.trim(), '1000001');
  await screenshot(t, page, 'run');

  await page.getByRole('link', { name: '2026-12-07T03-10-00Z-try1' }).click();
  await page.waitForURL(/vs=/);
  const overall = await page.locator('table.overall tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(overall, ['40', '30', '+10']);
  assert.equal(await page.locator('svg[aria-label="F1 per type (all subjects)"] rect.bar.b').count(), 3 + 1);
  const changes = page.locator('section[aria-labelledby="chg-h"] tbody tr');
  assert.equal(await changes.count(), 3);
  await screenshot(t, page, 'run-compare');

  // The worst essay opens as an essay page with a link to its experts (found in the dataset).
  await page.goto(`${url}run?d=runs/2026-12-07T03-20-00Z-try2`);
  await worst.first().locator('a').click();
  await page.waitForURL(/\/essay\?/);
  assert.ok((await page.locator('.marked .s').count()) > 0);
  assert.deepEqual(pageErrors(page), []);
});

test('dataset page: essays by subject and split, each with its expert markups and a compare link', async (t) => {
  const url = await startView(t, [DEMO]);
  const browser = await launch(t);
  const page = await openPage(t, browser);
  await page.goto(`${url}dataset?d=.`);
  const captions = await page.locator('table caption').allTextContents();
  assert.ok(
    captions.some((c) => /rus, train \(\d+\)/.test(c)),
    captions.join('|'),
  );
  assert.ok(captions.some((c) => /eng, test \(\d+\)/.test(c)));
  await screenshot(t, page, 'dataset');
  await page.locator('a', { hasText: 'compare the experts' }).first().click();
  await page.waitForURL(/\/compare\?/);
  assert.ok((await page.locator('section.pair').count()) >= 1);
  assert.deepEqual(pageErrors(page), []);
});
