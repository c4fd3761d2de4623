// Text with overlapping spans: cut at every span boundary, each piece lists the spans over it.
// The innermost span fills the piece; up to three outer ones show as stacked underlines (brat-like).
import { esc, html, raw } from './html.js';
import type { Html } from './html.js';
import type { TypeColour } from './colors.js';

export interface Span {
  /** Unique on the page: the key the script and the details data use. */
  key: string;
  start: number;
  end: number;
  colour: TypeColour;
  /** Extra class on pieces where this span is the innermost (compare: matched / missed / spurious). */
  cls?: string;
}

const MAX_LINES = 3;

/** The text as HTML: plain pieces escaped as they are, covered pieces wrapped in `<span class="s">`. */
export function highlight(text: string, spans: readonly Span[], lang = 'ru'): Html {
  const bounds = new Set<number>([0, text.length]);
  for (const s of spans) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const byStart = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const active: Span[] = [];
  const focusable = new Set<string>();
  let next = 0;
  const out: string[] = [];
  for (let i = 0; i < cuts.length; i += 1) {
    const a = cuts[i]!;
    // Zero-length spans sit between pieces as empty, focusable markers.
    while (next < byStart.length && byStart[next]!.start === a && byStart[next]!.end === a) {
      const z = byStart[next++]!;
      out.push(
        `<span class="s z" tabindex="0" data-k="${esc(z.key)}" style="border-color:${z.colour.line}"></span>`,
      );
    }
    if (i === cuts.length - 1) break;
    const b = cuts[i + 1]!;
    while (next < byStart.length && byStart[next]!.start <= a) {
      const s = byStart[next++]!;
      if (s.end > s.start) active.push(s);
    }
    for (let j = active.length - 1; j >= 0; j -= 1) if (active[j]!.end <= a) active.splice(j, 1);
    const piece = esc(text.slice(a, b));
    if (active.length === 0) {
      out.push(piece);
      continue;
    }
    // Innermost first: the shortest span, then the later-starting one.
    const over = [...active].sort((p, q) => p.end - p.start - (q.end - q.start) || q.start - p.start);
    const inner = over[0]!;
    const lines = over
      .slice(1, 1 + MAX_LINES)
      .map((s, n) => `inset 0 -${2 * (n + 1)}px 0 ${s.colour.line}`)
      .join(',');
    const style = `background:${inner.colour.fill};border-bottom-color:${inner.colour.line}${lines ? `;box-shadow:${lines};padding-bottom:${2 * Math.min(over.length - 1, MAX_LINES)}px` : ''}`;
    const keys = over.map((s) => s.key);
    const tab = keys.some((k) => !focusable.has(k)) ? ' tabindex="0"' : '';
    for (const k of keys) focusable.add(k);
    const cls = inner.cls ? ` ${esc(inner.cls)}` : '';
    out.push(
      `<span class="s${cls}"${tab} data-k="${esc(keys.join(' '))}" data-depth="${over.length}" style="${style}">${piece}</span>`,
    );
  }
  return html`<div class="text" lang="${lang}" dir="auto">${raw(out.join(''))}</div>`;
}
