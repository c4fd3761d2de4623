// One self-contained HTML file (style and script inlined, links to other pages dropped) for sharing.
import { basename, dirname } from 'node:path';
import { CSS, JS } from './assets.js';
import { comparePage, loadCompare } from './compare-page.js';
import { page } from './html.js';
import { Links } from './list-pages.js';
import { runPage } from './run-page.js';

// Links in a shared file would lead nowhere: the pages leave them out.
const nowhere = new Links(() => '', true);

/** The compare view of `calc psr PARTICIPANT EXPERT...` as one HTML document. */
export async function compareHtmlFile(participant: string, experts: readonly string[]): Promise<string> {
  const data = await loadCompare(participant, experts);
  return page(
    comparePage(data),
    {
      title: `Compare ${basename(participant)} with ${experts.map((e) => basename(e)).join(', ')}`,
      standalone: true,
    },
    { css: CSS, js: JS },
  );
}

/** The run view of an eval run folder (and optionally its comparison with another run) as one HTML document. */
export async function runHtmlFile(dir: string, other?: string): Promise<string> {
  return page(
    await runPage(dir, other, nowhere),
    { title: `Eval run ${basename(dir)} (${basename(dirname(dir))})`, standalone: true },
    { css: CSS, js: JS },
  );
}
