/// <reference lib="dom" />
// What the browser actually drew: for every span key, the character ranges of the essay text it covers,
// measured from the rendered text nodes (not from any attribute the server wrote).
import type { Locator } from 'playwright-core';

export interface Drawn {
  text: string;
  /** key → merged [start, end) ranges of the rendered text covered by that key. */
  cover: Record<string, Array<[number, number]>>;
  /** key → offset of a zero-length marker. */
  markers: Record<string, number>;
}

export async function drawn(text: Locator): Promise<Drawn> {
  return text.evaluate((root) => {
    const cover: Record<string, Array<[number, number]>> = {};
    const markers: Record<string, number> = {};
    let off = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as HTMLElement;
        if (el.classList.contains('z')) for (const k of (el.dataset.k ?? '').split(' ')) markers[k] = off;
        continue;
      }
      const len = (n as Text).data.length;
      const seg = n.parentElement?.closest('.s[data-k]');
      if (seg && root.contains(seg))
        for (const k of (seg as HTMLElement).dataset.k!.split(' ')) {
          const list = (cover[k] ??= []);
          const last = list[list.length - 1];
          if (last && last[1] === off) last[1] = off + len;
          else list.push([off, off + len]);
        }
      off += len;
    }
    return { text: root.textContent ?? '', cover, markers };
  });
}

/** The essay text as a browser holds it: a lone surrogate cannot cross UTF-8 and arrives as U+FFFD. */
export function asRendered(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\0/g, '\uFFFD');
}
