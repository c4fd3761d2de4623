// The run page: an eval run's figures as charts (per subject, per criterion, per type F1), its worst
// essays with links to their compare view, and the comparison with another run.
import { basename, join } from 'node:path';
import { access } from 'node:fs/promises';
import { barChart } from './charts.js';
import { html } from './html.js';
import type { Html } from './html.js';
import type { Links } from './list-pages.js';
import { readRun, siblingRuns } from './run-data.js';
import type { RunEssay, RunView } from './run-data.js';

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : String(v));
const delta = (a: number | null | undefined, b: number | null | undefined): string => {
  if (typeof a !== 'number' || typeof b !== 'number') return '–';
  const d = Math.round((a - b) * 100) / 100;
  return d > 0 ? `+${d}` : String(d);
};

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export async function runPage(dir: string, otherDir: string | undefined, links: Links): Promise<Html> {
  const run = await readRun(dir);
  const other = otherDir ? await readRun(otherDir) : undefined;
  const siblings = links.offline ? [] : await siblingRuns(dir);
  const series = other ? [run.name, other.name] : [run.name];
  const s = run.summary;
  const subjects = s.subjects ?? [];
  const otherSubject = (name: string) => other?.summary.subjects?.find((x) => x.subject === name);

  const worstRows = await Promise.all(
    (s.worst ?? []).map(async (w) => {
      const answer = join(dir, 'answers', `${w.id}.json`);
      return { w, answer: !links.offline && (await exists(answer)) ? answer : undefined };
    }),
  );
  const types = s.overall?.types ?? [];
  const otherTypes = new Map((other?.summary.overall?.types ?? []).map((t) => [t.type, t]));
  return html`${run.notes.map((n) => html`<p class="note">${n}</p>`)}
    <dl class="meta">
      <dt>Markup</dt>
      <dd>${s.markup?.description ?? s.markup?.mode ?? '–'}</dd>
      <dt>Dataset</dt>
      <dd>${s.dataset?.dir ?? '–'} (${s.dataset?.split ?? ''}, ${fmt(s.dataset?.essays)} essays)</dd>
      <dt>Started</dt>
      <dd>${s.startedAt ?? '–'}</dd>
      <dt>Counts</dt>
      <dd>
        ${
          Object.entries(s.counts ?? {})
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || '–'
        }
      </dd>
    </dl>
    <table class="overall">
      <caption>
        Overall${other ? ` against ${other.name}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">${run.name}</th>
          ${
            other
              ? html`<th scope="col">${other.name}</th>
                  <th scope="col">Change</th>`
              : ''
          }
        </tr>
      </thead>
      <tbody>
        ${(['STAR', 'OTAR', 'MTotal', 'STER_AVG'] as const).map(
          (k) =>
            html`<tr>
              <th scope="row">${k}</th>
              <td data-figure="${k}">${fmt(s.overall?.[k])}</td>
              ${
                other
                  ? html`<td>${fmt(other.summary.overall?.[k])}</td>
                      <td>${delta(s.overall?.[k], other.summary.overall?.[k])}</td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      siblings.length
        ? html`<nav aria-label="Compare with another run">
            Compare with:
            ${siblings.slice(0, 12).map((o) => html`<a href="${links.run(dir, o)}">${basename(o)}</a> `)}
          </nav>`
        : ''
    }
    <section aria-labelledby="subj-h">
      <h2 id="subj-h">Per subject</h2>
      ${barChart(
        'STAR per subject',
        subjects.map((x) => ({
          label: x.subject,
          values: [x.STAR, ...(other ? [otherSubject(x.subject)?.STAR ?? null] : [])],
        })),
        100,
        series,
      )}
      ${barChart(
        'MTotal per subject',
        subjects.map((x) => ({
          label: x.subject,
          values: [x.MTotal, ...(other ? [otherSubject(x.subject)?.MTotal ?? null] : [])],
        })),
        120,
        series,
      )}
    </section>
    <section aria-labelledby="crit-h">
      <h2 id="crit-h">Per criterion: share of exact agreement with the experts</h2>
      ${subjects.map((x) =>
        x.criteria?.length
          ? barChart(
              `${x.subject}: criteria, exact agreement (%)`,
              x.criteria.map((c) => ({
                label: `${c.key} (mean |Δ| ${fmt(c.meanAbsDelta)})`,
                values: [
                  c.exactRate === null ? null : c.exactRate * 100,
                  ...(other
                    ? [
                        ((r) => (r === null || r === undefined ? null : r * 100))(
                          otherSubject(x.subject)?.criteria?.find((o) => o.key === c.key)?.exactRate,
                        ),
                      ]
                    : []),
                ],
              })),
              100,
              series,
            )
          : '',
      )}
    </section>
    <section aria-labelledby="type-h">
      <h2 id="type-h">Per type: F1 of the fragments against the experts</h2>
      ${
        types.length
          ? barChart(
              'F1 per type (all subjects)',
              types.map((t) => ({
                label: `${t.type} (${t.matched}/${t.matched + t.missed})`,
                values: [t.f1, ...(other ? [otherTypes.get(t.type)?.f1 ?? null] : [])],
              })),
              1,
              series,
            )
          : html`<p>No per-type figures in this run.</p>`
      }
    </section>
    <section aria-labelledby="worst-h">
      <h2 id="worst-h">Worst essays</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Essay</th>
            <th scope="col">Subject</th>
            <th scope="col">MTotal</th>
            <th scope="col">STAR</th>
          </tr>
        </thead>
        <tbody>
          ${worstRows.map(
            ({ w, answer }) =>
              html`<tr>
                <th scope="row">
                  ${answer ? html`<a href="${links.essay(answer)}">${w.name ?? w.id}</a>` : (w.name ?? w.id)}
                </th>
                <td>${w.subject}</td>
                <td>${fmt(w.MTotal)}</td>
                <td>${fmt(w.STAR)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    ${failures(s.failures ?? [])} ${other ? essayChanges(run, other) : ''}`;
}

function failures(list: readonly RunEssay[]): Html | string {
  if (list.length === 0) return '';
  return html`<section aria-labelledby="fail-h">
    <h2 id="fail-h">Essays not scored (${list.length})</h2>
    <ul>
      ${list.map((f) => html`<li>${f.name ?? f.id}: ${f.failure?.stage ?? ''} ${f.failure?.message ?? ''}</li>`)}
    </ul>
  </section>`;
}

/** Per essay, MTotal here against the other run: what got worse first. */
function essayChanges(run: RunView, other: RunView): Html {
  const before = new Map(other.scores.map((e) => [e.id, e]));
  const rows = run.scores
    .flatMap((e) => {
      const b = before.get(e.id);
      return b && typeof e.MTotal === 'number' && typeof b.MTotal === 'number'
        ? [{ e, b, d: Math.round((e.MTotal - b.MTotal) * 100) / 100 }]
        : [];
    })
    .sort((x, y) => x.d - y.d);
  return html`<section aria-labelledby="chg-h">
    <h2 id="chg-h">Essays, MTotal against ${other.name} (worse first)</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Essay</th>
          <th scope="col">${run.name}</th>
          <th scope="col">${other.name}</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        ${rows.slice(0, 50).map(
          (r) =>
            html`<tr>
              <th scope="row">${r.e.name ?? r.e.id}</th>
              <td>${fmt(r.e.MTotal)}</td>
              <td>${fmt(r.b.MTotal)}</td>
              <td>${r.d > 0 ? `+${r.d}` : String(r.d)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
