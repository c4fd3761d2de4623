// The compare page in a real browser shows exactly the matching `readable calc psr --explain` prints.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { drawn } from './support/coverage.js';
import { DEMO, startView, tempDir } from './support/view.js';
import { BIN, assertBuilt } from '../support/cli.js';

// The built CLI (scripts/run-tests.mjs builds dist): its child starts in a fraction of tsx's time.
assertBuilt();
const run = promisify(execFile);

interface Fragment {
  index: number;
  start: number;
  end: number;
}
interface Explain {
  result: {
    markups: Array<{
      id: string;
      STAR: number | null;
      OTAR: number | null;
      matching: Array<{ markupId: string; metrics: Record<string, number> }>;
    }>;
  };
  explain: Array<{
    x: string;
    y: string;
    matched: Array<{ x: Fragment; y: Fragment }>;
    unmatchedX: Fragment[];
    unmatchedY: Fragment[];
  }>;
}

const range = (f: Fragment): string => `${f.start}-${f.end}`;

test('compare page: matched, missed and spurious fragments as `calc psr --explain` says, with its metrics', async (t) => {
  const dir = await tempDir(t);
  const exp = JSON.parse(await readFile(join(DEMO, 'train', '1000001_exp1.json'), 'utf8')) as {
    selections: Array<
      Record<string, unknown> & { startSelection: number; endSelection: number; type: string }
    >;
  };
  // A participant that agrees with expert 1 in part: two fragments dropped, one shifted, one retyped, two invented.
  const sel = exp.selections;
  const participant = {
    ...exp,
    selections: [
      ...sel.slice(2, 9),
      { ...sel[9]!, startSelection: sel[9]!.startSelection + 3, endSelection: sel[9]!.endSelection + 6 },
      { ...sel[10]!, type: 'пример', group: 'meaning' },
      { id: 5001, startSelection: 1400, endSelection: 1440, type: 'Р.повтор', group: 'error' },
      { id: 5002, startSelection: 100, endSelection: 130, type: 'пояснение', group: 'meaning' },
    ],
  };
  const p = join(dir, 'mine.json');
  await writeFile(p, JSON.stringify(participant));
  await copyFile(join(DEMO, 'train', '1000001_exp1.json'), join(dir, '1000001_exp1.json'));
  await copyFile(join(DEMO, 'train', '1000001_exp2.json'), join(dir, '1000001_exp2.json'));
  const experts = ['1000001_exp1.json', '1000001_exp2.json'];

  const cli = await run(
    process.execPath,
    [BIN, 'calc', 'psr', '--explain', '--json', 'mine.json', ...experts],
    { cwd: dir },
  );
  const explain = JSON.parse(cli.stdout) as Explain;
  const pairs = explain.explain.filter((e) => e.x === 'mine');
  assert.equal(pairs.length, 2);
  assert.ok(
    pairs.every((e) => e.unmatchedX.length > 0 && e.unmatchedY.length > 0),
    'the fixture has both kinds',
  );

  const url = await startView(t, [dir]);
  const browser = await launch(t);
  const page = await openPage(t, browser, 1400);
  await page.goto(`${url}compare?p=mine.json&e=${experts.join('&e=')}`);

  const part = explain.result.markups.find((m) => m.id === 'mine')!;
  assert.equal(await page.locator('[data-score="STAR"]').textContent(), String(part.STAR));
  assert.equal(await page.locator('[data-score="OTAR"]').textContent(), String(part.OTAR));
  const metricRows = page.locator('table.metrics tbody tr');
  assert.equal(await metricRows.count(), part.matching.length);
  for (const [i, m] of part.matching.entries()) {
    const row = metricRows.nth(i);
    assert.equal(await row.locator('th').textContent(), m.markupId);
    for (const k of ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'MTotal'])
      assert.equal(
        await row.locator(`[data-metric="${k}"]`).textContent(),
        String(m.metrics[k]),
        `${m.markupId} ${k}`,
      );
  }

  for (const ex of pairs) {
    const section = page.locator(`section.pair[data-y="${ex.y}"]`);
    const shownPairs = await section
      .locator('tr.match')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-x')}|${r.getAttribute('data-y')}`));
    assert.deepEqual(
      shownPairs.sort(),
      ex.matched.map((m) => `${range(m.x)}|${range(m.y)}`).sort(),
      `${ex.y}: matched pairs`,
    );
    const rows = async (status: string): Promise<string[]> =>
      (
        await section
          .locator(`tr[data-status="${status}"]`)
          .evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-start')}-${r.getAttribute('data-end')}`))
      ).sort();
    assert.deepEqual(
      await rows('spurious'),
      ex.unmatchedX.map(range).sort(),
      `${ex.y}: spurious = unmatched X`,
    );
    assert.deepEqual(await rows('missed'), ex.unmatchedY.map(range).sort(), `${ex.y}: missed = unmatched Y`);
    assert.equal((await rows('matched')).length, ex.matched.length * 2);

    // The highlighted text agrees: each fragment is drawn over its own characters with its status.
    const n = await section.getAttribute('aria-labelledby');
    const prefix = n!.replace(/-h$/, '');
    const [left, right] = [section.locator('.marked .text').nth(0), section.locator('.marked .text').nth(1)];
    const dx = await drawn(left);
    const dy = await drawn(right);
    for (const f of ex.unmatchedX) assert.deepEqual(dx.cover[`${prefix}x${f.index}`], [[f.start, f.end]]);
    for (const f of ex.unmatchedY) assert.deepEqual(dy.cover[`${prefix}y${f.index}`], [[f.start, f.end]]);

    // Hovering a matched fragment lights its partner on the other side.
    const m = ex.matched[0]!;
    await left.locator(`.s[data-k~="${prefix}x${m.x.index}"]`).first().hover();
    const partnerLit = await right.locator(`.s.on[data-k~="${prefix}y${m.y.index}"]`).count();
    assert.ok(partnerLit > 0, 'the partner of a matched fragment is outlined');
    const svgLines = await section.locator('svg.links line').count();
    assert.ok(svgLines >= 1, 'matched pairs are drawn as links between the columns');
  }
  assert.deepEqual(pageErrors(page), []);
  await screenshot(t, page, 'compare');
});

test('`calc psr --html FILE` writes the compare view as one self-contained file that works offline', async (t) => {
  const dir = await tempDir(t);
  for (const n of ['1000003_exp1.json', '1000003_exp2.json', '1000003_exp3.json'])
    await copyFile(join(DEMO, 'train', n), join(dir, n));
  const out = join(dir, 'share.html');
  await run(
    process.execPath,
    [BIN, 'calc', 'psr', '--html', out, '1000003_exp1.json', '1000003_exp2.json', '1000003_exp3.json'],
    { cwd: dir },
  );
  const html = await readFile(out, 'utf8');
  assert.doesNotMatch(
    html,
    /<(script|link)[^>]+(src|href)=/i,
    'no asset is fetched: style and script are inline',
  );
  assert.doesNotMatch(html, /href="\//, 'no link to a page of the server');
  const browser = await launch(t);
  const page = await openPage(t, browser);
  await page.goto(pathToFileURL(out).href);
  assert.equal(await page.locator('section.pair').count(), 2);
  const first = page.locator('section.pair .marked .s[data-k]').first();
  await first.hover();
  await page.locator('#tip').waitFor({ state: 'visible' });
  assert.deepEqual(pageErrors(page), []);
  await screenshot(t, page, 'compare-standalone');
});
