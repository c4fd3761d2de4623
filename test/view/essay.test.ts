/// <reference lib="dom" />
// The essay page in a real browser: every selection highlighted over exactly its characters, hover and
// keyboard focus show its details, the criteria table is there.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { drawn } from './support/coverage.js';
import { DEMO, startView, tempDir } from './support/view.js';

interface Sel {
  startSelection: number;
  endSelection: number;
  type: string;
  group?: string;
  subtype?: string;
  comment?: string;
  correction?: string;
  tag?: string;
  [k: string]: unknown;
}

test('essay page: each selection covers exactly its characters; hover and focus show its type', async (t) => {
  const dir = await tempDir(t);
  const essay = JSON.parse(await readFile(join(DEMO, 'train', '1000001_exp1.json'), 'utf8')) as {
    text: string;
    selections: Sel[];
  };
  // Crossing, nested and zero-length selections on top of the expert's own (which nest already).
  const extra: Sel[] = [
    {
      startSelection: 10,
      endSelection: 60,
      type: 'Р.повтор',
      group: 'error',
      comment: 'пересечение А',
      correction: 'исправление',
    },
    { startSelection: 40, endSelection: 120, type: 'Г.согл', group: 'error', subtype: 'подтип', tag: 'тег' },
    { startSelection: 0, endSelection: essay.text.length, type: 'всё', group: 'meaning' },
    { startSelection: 200, endSelection: 200, type: 'пусто', group: 'error' },
  ];
  essay.selections.push(...extra.map((s, i) => ({ id: 9000 + i, ...s })));
  await writeFile(join(dir, 'essay.json'), JSON.stringify(essay));
  const url = await startView(t, [dir]);
  const browser = await launch(t);
  const page = await openPage(t, browser);
  await page.goto(`${url}essay?f=essay.json`);

  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const text = page.locator('.marked .text');
  assert.equal(await text.getAttribute('lang'), 'ru');
  const d = await drawn(text);
  assert.equal(d.text, essay.text, 'the rendered text is the essay text, character for character');
  essay.selections.forEach((s, i) => {
    const key = `s${i}`;
    if (s.startSelection === s.endSelection) {
      assert.equal(d.markers[key], s.startSelection, `zero-length selection ${i} marked at its offset`);
      return;
    }
    assert.deepEqual(d.cover[key], [[s.startSelection, s.endSelection]], `selection ${i} (${s.type})`);
  });
  assert.deepEqual(
    Object.keys(d.cover).sort(),
    essay.selections.flatMap((s, i) => (s.startSelection === s.endSelection ? [] : [`s${i}`])).sort(),
    'nothing else is highlighted',
  );

  // Hover: for every selection, over a piece it covers, the tooltip lists it with its type.
  const tip = page.locator('#tip');
  for (const [i, s] of essay.selections.entries()) {
    if (s.startSelection === s.endSelection) continue;
    const piece = page.locator(`.marked .s[data-k~="s${i}"]`).first();
    await piece.hover();
    await tip.waitFor({ state: 'visible' });
    const item = tip.locator(`[data-tip="s${i}"]`);
    const shown = await item.textContent();
    assert.ok(shown?.includes(s.type), `hover on selection ${i} shows "${s.type}", got ${shown}`);
    if (s.comment) assert.ok(shown?.includes(`comment: ${s.comment}`));
    if (s.correction) assert.ok(shown?.includes(`correction: ${s.correction}`));
    if (s.subtype) assert.ok(shown?.includes(`subtype: ${s.subtype}`));
    if (s.tag) assert.ok(shown?.includes(`tag: ${s.tag}`));
    const lit = await page.locator('.marked .s.on').count();
    assert.ok(lit >= 1, 'the hovered selection is outlined');
  }
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: 'hidden' });

  // Keyboard: Tab reaches the highlighted text, and focus shows what is under it.
  await page.locator('body').focus();
  let focusedKeys: string | null = null;
  for (let n = 0; n < 20 && focusedKeys === null; n += 1) {
    await page.keyboard.press('Tab');
    focusedKeys = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset.k ?? null,
    );
  }
  assert.ok(focusedKeys, 'a highlighted piece takes the keyboard focus');
  await tip.waitFor({ state: 'visible' });
  const firstKey = focusedKeys.split(' ')[0]!;
  const sel = essay.selections[Number(firstKey.slice(1))]!;
  assert.ok((await tip.locator(`[data-tip="${firstKey}"]`).textContent())?.includes(sel.type));
  assert.ok((await page.locator('#live').textContent())?.includes(sel.type), 'screen readers hear it too');

  // A fragment button jumps to its text and shows it.
  await page.locator('button[data-go="s3"]').click();
  assert.ok((await tip.locator('[data-tip="s3"]').textContent())?.includes(essay.selections[3]!.type));

  const criteria = page.locator('table.criteria');
  assert.match((await criteria.textContent()) ?? '', /Computed[\s\S]*K1/);
  assert.deepEqual(pageErrors(page), []);
  await page.locator('button[data-go="s1"]').hover();
  await page.locator('.marked .s[data-k~="s4"]').first().hover();
  await screenshot(t, page, 'essay');
});
