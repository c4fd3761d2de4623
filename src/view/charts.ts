// Inline SVG bar charts: no script, no library, labelled for screen readers (role="img" + a table beside).
import { html } from './html.js';
import type { Html } from './html.js';

export interface Bar {
  label: string;
  /** One value per series; `null` draws nothing and prints "–". */
  values: Array<number | null>;
}

/** Horizontal bars, one row per label, one bar per series (at most two: this run, the other run). */
export function barChart(title: string, bars: readonly Bar[], max: number, series: readonly string[]): Html {
  const rowH = 16 * series.length + 8;
  const labelW = 170;
  const plotW = 360;
  const height = bars.length * rowH + 24;
  const width = labelW + plotW + 70;
  const scale = (v: number): number => (max > 0 ? Math.max(0, Math.min(1, v / max)) * plotW : 0);
  const fmt = (v: number | null): string => (v === null ? '–' : String(Math.round(v * 100) / 100));
  return html`<figure class="bars">
    <svg
      role="img"
      aria-label="${title}"
      width="${width}"
      height="${height}"
      viewBox="0 0 ${width} ${height}"
    >
      <title>${title}</title>
      ${
        series.length > 1
          ? series.map(
              (s, i) =>
                html`<rect
                    x="${labelW + i * 150}"
                    y="2"
                    width="10"
                    height="10"
                    class="bar${i ? ' b' : ''}"
                  ></rect
                  ><text x="${labelW + i * 150 + 14}" y="11">${s}</text>`,
            )
          : ''
      }
      ${bars.map((b, row) => {
        const y = 20 + row * rowH;
        return html`<text x="${labelW - 6}" y="${y + rowH / 2}" text-anchor="end">${b.label}</text>
          ${b.values.map((v, i) => {
            const by = y + 2 + i * 16;
            return html`<rect
                class="bar${i ? ' b' : ''}"
                x="${labelW}"
                y="${by}"
                height="13"
                width="${v === null ? 0 : scale(v)}"
              ></rect
              ><text x="${labelW + (v === null ? 0 : scale(v)) + 4}" y="${by + 11}">${fmt(v)}</text>`;
          })}`;
      })}
    </svg>
    <figcaption>${title}</figcaption>
  </figure>`;
}
