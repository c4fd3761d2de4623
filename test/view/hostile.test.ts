/// <reference lib="dom" />
// A hostile essay in a real browser: markup in the text and comments, bidi controls, lone surrogates,
// CR LF, 20 000 characters and 500 overlapping selections. It must render as text, exactly, and run nothing.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch, openPage, pageErrors, screenshot } from './support/browser.js';
import { asRendered, drawn } from './support/coverage.js';
import { startView, tempDir } from './support/view.js';

/** A small seeded generator (mulberry32): the same essay on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '</textarea></div><svg onload="window.__pwned = 3">',
  '\u202Eобратный порядок\u202C',
  '\u200Fправо-налево\u200E',
  '\u2067изолят\u2069',
  'одиночный \uD800 суррогат',
  'и \uDC00 ещё один',
  'строка\r\nновая строка',
  '&amp; &lt;script&gt; &#x3C;',
  '"кавычки" \'апострофы\' `обратные`',
  '${window.__pwned = 4}',
];

test('a hostile essay (script tags, bidi marks, lone surrogates, 20 000 characters, 500 selections) renders safely', async (t) => {
  const random = rng(12);
  const words = [
    'сочинение',
    'автор',
    'текст',
    'проблема',
    'пример',
    'позиция',
    'Чтение',
    'читатель',
    'мысль',
  ];
  let text = '';
  while (text.length < 20_000) {
    text +=
      random() < 0.12
        ? ` ${NASTY[Math.floor(random() * NASTY.length)]} `
        : `${words[Math.floor(random() * words.length)]} `;
    if (random() < 0.05) text += '\n';
  }
  text = text.slice(0, 20_000);
  const types = ['проблема', 'пример', 'Р.повтор', 'Г.согл', '<b>тип</b>', 'логика'];
  const selections = Array.from({ length: 500 }, (_, i) => {
    const start = Math.floor(random() * (text.length - 1));
    const len = random() < 0.02 ? 0 : 1 + Math.floor(random() * (random() < 0.1 ? 2000 : 80));
    return {
      id: i + 1,
      startSelection: start,
      endSelection: Math.min(text.length, start + len),
      type: types[i % types.length]!,
      group: i % 2 ? 'error' : 'meaning',
      subtype: '',
      tag: '',
      comment: `${NASTY[i % NASTY.length]} №${i}`,
      explanation: '',
      correction: i % 7 === 0 ? '</script><script>window.__pwned = 5</script>' : '',
    };
  });
  const dir = await tempDir(t);
  await writeFile(
    join(dir, 'hostile.json'),
    JSON.stringify({ meta: { id: 'x', subject: 'rus', theme: NASTY.join(' ') }, text, selections }),
  );
  const url = await startView(t, [dir]);
  const browser = await launch(t);
  const page = await openPage(t, browser);
  const started = Date.now();
  await page.goto(`${url}essay?f=hostile.json`, { waitUntil: 'load' });
  t.diagnostic(`20 000 characters, 500 selections: page loaded and laid out in ${Date.now() - started} ms`);

  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  const scripts = await page.evaluate(() =>
    Array.from(document.scripts)
      .map((s) => s.src || s.type || 'inline')
      .filter((s) => s !== 'application/json'),
  );
  assert.deepEqual(
    scripts.map((s) => s.replace(/^http:\/\/[^/]+/, '')),
    ['/assets/view.js'],
    'the only script is the view’s own',
  );
  assert.equal(await page.locator('.text img, .text svg, .text textarea').count(), 0);

  const d = await drawn(page.locator('.marked .text'));
  assert.equal(
    d.text,
    asRendered(text),
    'the text renders character for character (a lone surrogate as U+FFFD)',
  );
  selections.forEach((s, i) => {
    if (s.startSelection === s.endSelection) assert.equal(d.markers[`s${i}`], s.startSelection);
    else assert.deepEqual(d.cover[`s${i}`], [[s.startSelection, s.endSelection]], `selection ${i}`);
  });

  // Details show the hostile comment as text.
  for (const i of [0, 1, 2, 7, 250, 499]) {
    if (selections[i]!.startSelection === selections[i]!.endSelection) continue;
    await page.locator(`.marked .s[data-k~="s${i}"]`).first().hover();
    const shown = await page.locator(`#tip [data-tip="s${i}"]`).textContent();
    // A lone surrogate survives in script-made text; compare as a browser would show it.
    assert.ok(
      asRendered(shown ?? '').includes(`comment: ${asRendered(selections[i]!.comment)}`),
      `selection ${i}: ${shown}`,
    );
  }
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(pageErrors(page), []);
  await page.mouse.move(0, 0);
  await screenshot(t, page, 'hostile');
  await page.locator('.marked .s[data-k~="s2"]').first().hover();
  await screenshot(t, page, 'hostile-hover', false);
});
