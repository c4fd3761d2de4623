// The compare page: the participant's markup beside each expert's, with the PSR matching of
// `calc psr --explain` (the same scorer call), metrics, STAR/OTAR and the criteria side by side.
import { buildPsrEnvelope, parseMarkupFile } from '../scoring/input/index.js';
import { explainPair, scorePsrDetailed } from '../scoring/psr/index.js';
import type { PairExplanation, PsrResult } from '../scoring/psr/index.js';
import { STATUS_COLOURS } from './colors.js';
import { readViewEssay } from './essay-data.js';
import type { ViewEssay } from './essay-data.js';
import {
  computedCriteria,
  criteriaTable,
  detailsOf,
  fragmentTable,
  langOf,
  legend,
  markedText,
  metaList,
} from './essay-page.js';
import type { SpanDetails } from './essay-page.js';
import type { Span } from './highlight.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface CompareData {
  participant: ViewEssay;
  experts: ViewEssay[];
  result: PsrResult;
  explanations: PairExplanation[];
  warnings: string[];
}

/**
Scores the files the way `calc psr --explain` does (same envelope, same scorer). One difference, said on
the page: a markup file without criteria (a session's output) gets them computed by the official rules
first, as `calc criteria --save` would, instead of being refused.
*/
export async function loadCompare(participant: string, experts: readonly string[]): Promise<CompareData> {
  const files = [participant, ...experts];
  const essays = await Promise.all(files.map((f) => readViewEssay(f)));
  const warnings: string[] = [];
  const parsed = essays.map((e) => {
    let raw = e.raw;
    if (e.criteria === undefined) {
      const computed = computedCriteria(e);
      if (computed.values) {
        raw = { ...raw, criteria: computed.values };
        warnings.push(
          `${e.name} has no criteria: computed from its selections (calc criteria --save would write them)`,
        );
      }
    }
    return parseMarkupFile(JSON.stringify(raw), e.file);
  });
  const [p, ...e] = parsed;
  const built = buildPsrEnvelope(p, e, { mode: 'normal' });
  const { result, pairs } = scorePsrDetailed(built.input);
  const text = built.input.essay.text;
  return {
    participant: essays[0]!,
    experts: essays.slice(1),
    result,
    explanations: pairs.map((pair) => explainPair(text, pair)),
    warnings: [...warnings, ...built.warnings],
  };
}

const METRICS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'MTotal'] as const;
const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : String(v));

function metricsTable(data: CompareData, participantId: string): Html {
  const part = data.result.markups.find((m) => m.id === participantId);
  return html`<table class="metrics">
      <caption>
        PSR of ${participantId} against each expert
      </caption>
      <thead>
        <tr>
          <th scope="col">Expert markup</th>
          ${METRICS.map((m) => html`<th scope="col">${m}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${(part?.matching ?? []).map(
          (m) =>
            html`<tr>
              <th scope="row">${m.markupId}${m.third ? ' (third)' : ''}</th>
              ${METRICS.map((k) => html`<td data-metric="${k}">${fmt(m.metrics[k])}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <dl class="scores">
      <dt>STAR</dt>
      <dd data-score="STAR">${fmt(part?.STAR)}</dd>
      <dt>OTAR</dt>
      <dd data-score="OTAR">${fmt(part?.OTAR)}</dd>
      <dt>STER (mean of the experts)</dt>
      <dd data-score="STER_AVG">${fmt(data.result.STER_AVG)}</dd>
    </dl>
    ${
      data.result.notes.length
        ? html`<ul class="notes">
            ${data.result.notes.map((n) => html`<li>${n}</li>`)}
          </ul>`
        : ''
    }`;
}

function pairSection(n: number, data: CompareData, ex: PairExplanation, expert: ViewEssay): Html {
  const p = data.participant;
  const prefix = `p${n}`;
  const status = new Map<string, string>();
  const partner = new Map<string, string>();
  ex.matched.forEach((m) => {
    status.set(`x${m.x.index}`, 'matched');
    status.set(`y${m.y.index}`, 'matched');
    partner.set(`x${m.x.index}`, `${prefix}y${m.y.index}`);
    partner.set(`y${m.y.index}`, `${prefix}x${m.x.index}`);
  });
  for (const f of ex.unmatchedX) status.set(`x${f.index}`, 'spurious');
  for (const f of ex.unmatchedY) status.set(`y${f.index}`, 'missed');

  const side = (
    essay: ViewEssay,
    letter: 'x' | 'y',
  ): { spans: Span[]; details: Record<string, SpanDetails> } => {
    const spans: Span[] = [];
    const details: Record<string, SpanDetails> = {};
    for (const s of essay.selections) {
      const local = `${letter}${s.index}`;
      const key = `${prefix}${local}`;
      const st = (status.get(local) ?? 'unscored') as keyof typeof STATUS_COLOURS;
      spans.push({ key, start: s.start, end: s.end, colour: STATUS_COLOURS[st], cls: `st-${st}` });
      details[key] = {
        ...detailsOf(s),
        status: st,
        ...(partner.has(local) ? { partner: partner.get(local)! } : {}),
      };
    }
    return { spans, details };
  };
  const x = side(p, 'x');
  const y = side(expert, 'y');
  const lang = langOf(p.meta);
  const rows = (essay: ViewEssay, letter: 'x' | 'y') =>
    essay.selections.map((s) => ({
      key: `${prefix}${letter}${s.index}`,
      s,
      status: status.get(`${letter}${s.index}`) ?? 'unscored',
    }));
  return html`<section class="pair" aria-labelledby="${prefix}-h" data-x="${ex.x}" data-y="${ex.y}">
    <h2 id="${prefix}-h">${ex.x} beside ${ex.y}: MTotal ${fmt(ex.metrics.MTotal)}</h2>
    <p>
      ${ex.matched.length} matched, ${ex.unmatchedX.length} spurious (only in ${ex.x}),
      ${ex.unmatchedY.length} missed (only in ${ex.y}).
    </p>
    <div class="columns">
      <div class="col">
        <h3>${ex.x} (participant)</h3>
        ${markedText(`${prefix}-dx`, p.text, x.spans, x.details, lang)}
      </div>
      <svg class="links" aria-hidden="true" focusable="false"></svg>
      <div class="col">
        <h3>${ex.y} (expert)</h3>
        ${markedText(`${prefix}-dy`, expert.text, y.spans, y.details, lang)}
      </div>
    </div>
    <details class="matched" open>
      <summary>Matched pairs (${ex.matched.length})</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${ex.x}</th>
            <th scope="col">${ex.y}</th>
            <th scope="col">Type</th>
            <th scope="col">J</th>
            <th scope="col">L</th>
            <th scope="col">Fragment</th>
          </tr>
        </thead>
        <tbody>
          ${ex.matched.map(
            (m) =>
              html`<tr class="match" data-x="${m.x.start}-${m.x.end}" data-y="${m.y.start}-${m.y.end}">
                <td>
                  <button type="button" class="go" data-go="${prefix}x${m.x.index}">
                    ${m.x.start}–${m.x.end}
                  </button>
                </td>
                <td>
                  <button type="button" class="go" data-go="${prefix}y${m.y.index}">
                    ${m.y.start}–${m.y.end}
                  </button>
                </td>
                <td>${m.x.type ?? '(none)'}${m.y.type !== m.x.type ? ` / ${m.y.type ?? '(none)'}` : ''}</td>
                <td>${m.j.toFixed(3)}</td>
                <td>${m.l.toFixed(3)}</td>
                <td class="quote">${m.x.quote}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
    ${fragmentTable(`${ex.x}: every fragment`, rows(p, 'x'), p.text)}
    ${fragmentTable(`${ex.y}: every fragment`, rows(expert, 'y'), expert.text)}
  </section>`;
}

export function comparePage(data: CompareData): Html {
  const participantId = data.explanations[0]?.x ?? data.participant.name.replace(/\.json$/i, '');
  const byId = new Map(data.experts.map((e) => [e.name.replace(/\.json$/i, ''), e]));
  const pairs = data.explanations.filter((e) => e.x === participantId);
  return html`${metaList(data.participant.meta)}
    ${
      data.warnings.length
        ? html`<ul class="notes">
            ${data.warnings.map((w) => html`<li>warning: ${w}</li>`)}
          </ul>`
        : ''
    }
    ${legend([
      { label: 'matched (linked to its partner)', colour: STATUS_COLOURS.matched, count: sum(pairs, 'm') },
      { label: 'missed: only the expert marked it', colour: STATUS_COLOURS.missed, count: sum(pairs, 'y') },
      {
        label: 'spurious: only the participant marked it',
        colour: STATUS_COLOURS.spurious,
        count: sum(pairs, 'x'),
      },
    ])}
    <section aria-labelledby="psr-h">
      <h2 id="psr-h">Scores</h2>
      ${metricsTable(data, participantId)}
      ${criteriaTable([
        { label: `${participantId} (file)`, values: data.participant.criteria },
        { label: `${participantId} (computed)`, values: computedCriteria(data.participant).values },
        ...data.experts.map((e) => ({ label: e.name.replace(/\.json$/i, ''), values: e.criteria })),
      ])}
    </section>
    ${pairs.map((ex, n) => pairSection(n, data, ex, byId.get(ex.y) ?? data.experts[n]!))}
    <div id="tip" role="tooltip" hidden></div>
    <p id="live" class="live" aria-live="polite"></p>`;
}

function sum(pairs: readonly PairExplanation[], what: 'm' | 'x' | 'y'): number {
  let n = 0;
  for (const p of pairs)
    n += what === 'm' ? p.matched.length : what === 'x' ? p.unmatchedX.length : p.unmatchedY.length;
  return n;
}
