// Pages that list things: home (what is under the roots), a dataset, a session.
import { basename, join } from 'node:path';
import type { DatasetEntry } from './dataset.js';
import type { Found } from './scan.js';
import type { SessionState } from './session-state.js';
import { html } from './html.js';
import type { Html } from './html.js';

/** URLs of the view's pages; `name` turns a real path into what the URL carries. */
export class Links {
  /** `offline`: a self-contained file, where links to other pages lead nowhere and are left out. */
  constructor(
    readonly name: (real: string) => string,
    readonly offline = false,
  ) {}
  essay(f: string): string {
    return `/essay?f=${encodeURIComponent(this.name(f))}`;
  }
  compare(p: string, experts: readonly string[]): string {
    return `/compare?p=${encodeURIComponent(this.name(p))}${experts.map((e) => `&e=${encodeURIComponent(this.name(e))}`).join('')}`;
  }
  dataset(d: string): string {
    return `/dataset?d=${encodeURIComponent(this.name(d))}`;
  }
  session(d: string): string {
    return `/session?d=${encodeURIComponent(this.name(d))}`;
  }
  run(d: string, other?: string): string {
    return `/run?d=${encodeURIComponent(this.name(d))}${other ? `&vs=${encodeURIComponent(this.name(other))}` : ''}`;
  }
}

export function homePage(found: Found, links: Links, roots: readonly string[]): Html {
  const list = (title: string, items: string[], href: (p: string) => string, empty: string): Html =>
    html`<section aria-labelledby="h-${title.replace(/\W/g, '')}">
      <h2 id="h-${title.replace(/\W/g, '')}">${title} (${items.length})</h2>
      ${
        items.length
          ? html`<ul>
              ${items.map((p) => html`<li><a href="${href(p)}">${links.name(p)}</a></li>`)}
            </ul>`
          : html`<p>${empty}</p>`
      }
    </section>`;
  return html`<p>Serving ${roots.join(', ')} (read only, this machine only).</p>
    ${list('Sessions', found.sessions, (p) => links.session(p), 'No session folder (files/sessions/{id}) found.')}
    ${list('Eval runs', found.runs, (p) => links.run(p), 'No eval run folder found.')}
    ${list('Datasets', found.datasets, (p) => links.dataset(p), 'No dataset (a folder with index.json) found.')}
    ${list('Essay files', found.files, (p) => links.essay(p), 'No JSON file found.')}
    ${found.truncated ? html`<p class="note">The list is cut short: start the view on a narrower folder.</p>` : ''}`;
}

export function datasetPage(dir: string, entries: readonly DatasetEntry[], links: Links): Html {
  const subjects = [...new Set(entries.map((e) => e.subject))].sort();
  const splits = [...new Set(entries.map((e) => e.split))].sort();
  return html`<p>${entries.length} essays; subjects ${subjects.join(', ')}; splits ${splits.join(', ')}.</p>
    ${subjects.map(
      (subject) =>
        html`<section aria-labelledby="sub-${subject}">
          <h2 id="sub-${subject}">${subject}</h2>
          ${splits.map((split) => {
            const rows = entries.filter((e) => e.subject === subject && e.split === split);
            if (rows.length === 0) return '';
            return html`<table>
              <caption>
                ${subject}, ${split} (${rows.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Essay</th>
                  <th scope="col">Words</th>
                  <th scope="col">Expert markups</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((e) => {
                  const essay = join(dir, e.split, `${e.id}.json`);
                  const experts = Array.from({ length: e.experts ?? 0 }, (_, i) =>
                    join(dir, e.split, `${e.id}_exp${i + 1}.json`),
                  );
                  return html`<tr>
                    <th scope="row"><a href="${links.essay(essay)}">${e.id}</a></th>
                    <td>${e.words ?? ''}</td>
                    <td>
                      ${experts.map((x) => html`<a href="${links.essay(x)}">${basename(x, '.json')}</a> `)}
                      ${
                        experts.length > 1
                          ? html`<a href="${links.compare(experts[0]!, experts.slice(1))}"
                              >compare the experts</a
                            >`
                          : ''
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`;
          })}
        </section>`,
    )}`;
}

export function sessionPage(dir: string, state: SessionState, links: Links, live: boolean): Html {
  const counts = ['received', 'marked', 'sent', 'accepted', 'late', 'rejected', 'failed'] as const;
  const row = (f: SessionState['files'][number]): Html =>
    html`<tr data-file="${f.id}" data-status="${f.status}">
      <td data-href="${f.hasOutput || f.hasInput ? 'x' : ''}">
        ${
          f.hasOutput || f.hasInput
            ? html`<a href="${links.essay(join(dir, f.hasOutput ? 'output' : 'input', `${f.id}.json`))}"
                >${f.id}</a
              >`
            : f.id
        }
      </td>
      <td class="status-${f.status}">${f.status}</td>
      <td>–</td>
      <td>${f.late ? 'late' : ''}</td>
      <td>${f.reason ?? ''}</td>
    </tr>`;
  return html`<div
    ${live ? html`data-live-session="${`/api/session?d=${encodeURIComponent(links.name(dir))}`}"` : ''}
  >
    <p>
      Session ${state.sessionId}:
      <span data-end>${state.end ?? 'running'}</span>${live ? ' (updates live)' : ''}
    </p>
    <div class="cards" role="group" aria-label="Counts">
      ${counts.map((c) => html`<div>${c}<b data-count="${c}">${state.counts[c]}</b></div>`)}
      <div>throughput<b data-count="throughput">${state.throughput}</b></div>
    </div>
    <table class="files">
      <caption>
        Files in arrival order
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Status</th>
          <th scope="col">Deadline in</th>
          <th scope="col">Late</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        ${state.files.map(row)}
      </tbody>
    </table>
  </div>`;
}
