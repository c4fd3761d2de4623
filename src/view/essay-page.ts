// The essay page: the text with its selections, a legend, every fragment listed, criteria given vs computed.
import { computeCriteria } from '../scoring/criteria/index.js';
import type { CriteriaInput } from '../scoring/criteria/index.js';
import { isToolkitError } from '../errors.js';
import { ColourMap } from './colors.js';
import type { TypeColour } from './colors.js';
import type { ViewEssay, ViewSelection } from './essay-data.js';
import { highlight } from './highlight.js';
import type { Span } from './highlight.js';
import { html, jsonBlock } from './html.js';
import type { Html } from './html.js';

/** What hover/focus shows for one span (short keys: a 500-selection essay carries 500 of these). */
export interface SpanDetails {
  type: string;
  group: string;
  subtype: string;
  tag: string;
  comment: string;
  correction: string;
  explanation: string;
  range: string;
  status?: string;
  /** The linked span in the other column (compare). */
  partner?: string;
}

export function detailsOf(s: ViewSelection): SpanDetails {
  return {
    type: s.type,
    group: s.group,
    subtype: s.subtype,
    tag: s.tag,
    comment: s.comment,
    correction: s.correction,
    explanation: s.explanation,
    range: `${s.start}–${s.end}`,
  };
}

/** A marked text block: highlighted text plus the details its script reads. */
export function markedText(
  id: string,
  text: string,
  spans: readonly Span[],
  details: Record<string, SpanDetails>,
  lang: string,
): Html {
  return html`<div class="marked" data-details="${id}">
    ${highlight(text, spans, lang)} ${jsonBlock(id, details)}
  </div>`;
}

export function langOf(meta: Record<string, unknown>): string {
  return meta.subject === 'eng' || meta.lang === 'eng' ? 'en' : 'ru';
}

export function legend(entries: ReadonlyArray<{ label: string; colour: TypeColour; count: number }>): Html {
  return html`<ul class="legend" aria-label="Legend">
    ${entries.map(
      (e) =>
        html`<li>
          <span class="swatch" style="background:${e.colour.fill};border-color:${e.colour.line}"></span
          >${e.label} <span class="count">(${e.count})</span>
        </li>`,
    )}
  </ul>`;
}

export function metaList(meta: Record<string, unknown>): Html {
  const keys = ['id', 'uuid', 'subject', 'class', 'year', 'test', 'theme'];
  return html`<dl class="meta">
    ${keys
      .filter((k) => meta[k] !== undefined && meta[k] !== '')
      .map(
        (k) =>
          html`<dt>${k}</dt>
            <dd>${String(meta[k])}</dd>`,
      )}
  </dl>`;
}

export function criteriaTable(
  columns: ReadonlyArray<{ label: string; values?: Record<string, unknown> }>,
): Html {
  const names: string[] = [];
  for (const c of columns) for (const k of Object.keys(c.values ?? {})) if (!names.includes(k)) names.push(k);
  names.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b));
  if (names.length === 0) return html`<p>No criteria in the file, none computed.</p>`;
  return html`<table class="criteria">
    <caption>
      Criteria
    </caption>
    <thead>
      <tr>
        <th scope="col">Criterion</th>
        ${columns.map((c) => html`<th scope="col">${c.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${names.map(
        (n) =>
          html`<tr>
            <th scope="row">${n}</th>
            ${columns.map((c) => {
              const v = c.values?.[n];
              const differs =
                v !== undefined && columns.some((o) => o.values?.[n] !== undefined && o.values[n] !== v);
              return html`<td class="${differs ? 'differs' : ''}">${v === undefined ? '–' : String(v)}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Criteria computed from the selections by the official rules, or why they cannot be. */
export function computedCriteria(essay: ViewEssay): { values?: Record<string, unknown>; error?: string } {
  try {
    const result = computeCriteria(essay.raw as unknown as CriteriaInput, { checkOffsets: true });
    return { values: { ...result.criteria } };
  } catch (error) {
    if (!isToolkitError(error)) throw error;
    return { error: error.message };
  }
}

export function fragmentTable(
  caption: string,
  rows: ReadonlyArray<{ key: string; s: ViewSelection; status?: string }>,
  text: string,
): Html {
  return html`<details class="fragments" ${rows.length <= 60 ? 'open' : ''}>
    <summary>${caption} (${rows.length})</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Range</th>
          ${rows.some((r) => r.status) ? html`<th scope="col">PSR</th>` : ''}
          <th scope="col">Group / type</th>
          <th scope="col">Subtype</th>
          <th scope="col">Fragment</th>
          <th scope="col">Comment / correction</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ key, s, status }) =>
            html`<tr
              data-row="${key}"
              data-start="${s.start}"
              data-end="${s.end}"
              data-status="${status ?? ''}"
            >
              <td><button type="button" class="go" data-go="${key}">${s.index}</button></td>
              <td>${s.start}–${s.end}</td>
              ${status ? html`<td class="st-${status}">${status}</td>` : ''}
              <td>${s.group ? `${s.group} / ` : ''}${s.type || '(no type)'}</td>
              <td>${s.subtype}</td>
              <td class="quote">${shorten(text.slice(s.start, s.end), 80)}</td>
              <td>${[s.comment, s.correction && `→ ${s.correction}`].filter(Boolean).join(' ')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max / 2)}…${flat.slice(flat.length - max / 2 + 1)}`;
}

export interface EssayPageLinks {
  compare?: string;
}

export function essayPage(essay: ViewEssay, links: EssayPageLinks = {}): Html {
  const colours = new ColourMap();
  const counts = new Map<string, number>();
  const spans: Span[] = [];
  const details: Record<string, SpanDetails> = {};
  for (const s of essay.selections) {
    const key = `s${s.index}`;
    const colour = colours.get(s.group, s.type);
    const ck = ColourMap.key(s.group, s.type);
    counts.set(ck, (counts.get(ck) ?? 0) + 1);
    spans.push({ key, start: s.start, end: s.end, colour });
    details[key] = detailsOf(s);
  }
  const entries = colours.entries().map((e) => ({
    label: `${e.group ? `${e.group} / ` : ''}${e.type || '(no type)'}`,
    colour: e.colour,
    count: counts.get(ColourMap.key(e.group, e.type)) ?? 0,
  }));
  const computed = computedCriteria(essay);
  return html`${metaList(essay.meta)}
    ${links.compare ? html`<p><a href="${links.compare}">Compare with the experts' markups</a></p>` : ''}
    ${
      essay.problems.length
        ? html`<div class="problems" role="alert">
            <p>Not drawn:</p>
            <ul>
              ${essay.problems.map((p) => html`<li>${p}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <section aria-labelledby="text-h">
      <h2 id="text-h">Text (${essay.text.length} characters, ${essay.selections.length} selections)</h2>
      ${legend(entries)} ${markedText('d-essay', essay.text, spans, details, langOf(essay.meta))}
    </section>
    <section aria-labelledby="frag-h">
      <h2 id="frag-h">Fragments</h2>
      ${fragmentTable(
        'Selections',
        essay.selections.map((s) => ({ key: `s${s.index}`, s })),
        essay.text,
      )}
    </section>
    <section aria-labelledby="crit-h">
      <h2 id="crit-h">Criteria</h2>
      ${criteriaTable([
        { label: 'In the file', values: essay.criteria },
        { label: 'Computed', values: computed.values },
      ])}
      ${computed.error ? html`<p class="note">Not computed: ${computed.error}</p>` : ''}
    </section>
    <div id="tip" role="tooltip" hidden></div>
    <p id="live" class="live" aria-live="polite"></p>`;
}
