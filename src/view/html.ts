// Escaping and the page frame. Every string that came from a file goes through `text` or `attr`.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // The HTML parser turns CR LF into LF in text; a character reference keeps the CR, so essay offsets hold.
  '\r': '&#13;',
};

/** Escapes text content and attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

/** A piece of HTML already escaped; `html` template tags never escape it twice. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): Html => new Html(value);

/** Tagged template: interpolated values are escaped unless they are `Html` (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function piece(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

/**
JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes, so no text in
the data (an essay with `</script>`) can close the block.
*/
export function jsonBlock(id: string, data: unknown): Html {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return raw(`<script type="application/json" id="${esc(id)}">${json}</script>`);
}

export interface PageOptions {
  title: string;
  /** Inline the style sheet and the script: one self-contained file (`--html`). */
  standalone?: boolean;
  /** Breadcrumb links shown above the title. */
  crumbs?: Array<{ href: string; label: string }>;
}

export interface Assets {
  css: string;
  js: string;
}

export function page(body: Html, options: PageOptions, assets: Assets): string {
  const head = options.standalone
    ? html`<style>
          ${raw(assets.css)}
        </style>
        <script>
          ${raw(assets.js.replace(/<\/script/gi, '<\\/script'))};
        </script>`
    : html`<link rel="stylesheet" href="/assets/view.css" />
        <script src="/assets/view.js" defer></script>`;
  const crumbs = options.crumbs?.length
    ? html`<nav aria-label="Breadcrumb" class="crumbs">
        ${options.crumbs.map((c) => html`<a href="${c.href}">${c.label}</a> / `)}
      </nav>`
    : '';
  return `<!doctype html>\n${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${options.title} — readable view</title>
        ${head}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          ${crumbs}
          <h1>${options.title}</h1>
        </header>
        <main id="main">${body}</main>
      </body>
    </html>`.value
  }\n`;
}
