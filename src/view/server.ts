// The view's HTTP server: loopback by default, GET only, every page built from files under the roots.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { stat } from 'node:fs/promises';
import { isToolkitError } from '../errors.js';
import { CSS, JS } from './assets.js';
import { comparePage, loadCompare } from './compare-page.js';
import { findExperts, readDatasetIndex } from './dataset.js';
import { readViewEssay } from './essay-data.js';
import { essayPage } from './essay-page.js';
import { ViewError } from './errors.js';
import { html, page } from './html.js';
import type { Html, PageOptions } from './html.js';
import { datasetPage, homePage, Links, sessionPage } from './list-pages.js';
import type { Roots } from './roots.js';
import { runPage } from './run-page.js';
import { scan } from './scan.js';
import { readSessionState } from './session-state.js';

export interface ViewServerOptions {
  roots: Roots;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Masked in every answer, should any file carry one (the token). */
  secrets?: readonly string[];
  /** How often a live session page re-reads its folder (ms). Default 300. */
  pollMs?: number;
}

export interface ViewServer {
  url: string;
  close(): Promise<void>;
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1f5bb5"/></svg>';
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]', '::1'];

export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const host = options.host ?? '127.0.0.1';
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const mask = (s: string): string => secrets.reduce((out, secret) => out.split(secret).join('***'), s);
  const roots = options.roots;
  const links = new Links((real) => roots.display(real));
  const streams = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CSP,
    });
    res.end(mask(body));
  };
  const sendPage = (res: ServerResponse, body: Html, o: PageOptions, status = 200): void =>
    send(res, status, 'text/html; charset=utf-8', page(body, o, { css: CSS, js: JS }));
  const home = { href: '/', label: 'Home' };

  const one = (url: URL, name: string): string => {
    const v = url.searchParams.get(name);
    if (v === null || v === '') throw new ViewError(`missing the "${name}" parameter`, 400);
    return v;
  };

  const datasetDirs = async (): Promise<string[]> => (await scan(roots)).datasets;

  const routes: Record<string, (url: URL, req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    '/': async (_url, _req, res) => {
      sendPage(
        res,
        homePage(
          await scan(roots),
          links,
          roots.list.map((r) => r.label),
        ),
        { title: 'READ//ABLE view' },
      );
    },
    '/essay': async (url, _req, res) => {
      const file = await roots.resolve(one(url, 'f'));
      const essay = await readViewEssay(file);
      const experts = await findExperts(file, essay.meta.id, await datasetDirs());
      sendPage(res, essayPage(essay, experts.length ? { compare: links.compare(file, experts) } : {}), {
        title: `Essay ${essay.name}`,
        crumbs: [home, { href: links.essay(file), label: roots.display(dirname(file)) }],
      });
    },
    '/compare': async (url, _req, res) => {
      const p = await roots.resolve(one(url, 'p'));
      const experts = await Promise.all(url.searchParams.getAll('e').map((e) => roots.resolve(e)));
      if (experts.length === 0) throw new ViewError('give at least one expert markup (e=…)', 400);
      const data = await loadCompare(p, experts);
      sendPage(res, comparePage(data), {
        title: `Compare ${basename(p)} with ${experts.map((e) => basename(e)).join(', ')}`,
        crumbs: [home, { href: links.essay(p), label: basename(p) }],
      });
    },
    '/dataset': async (url, _req, res) => {
      const dir = await roots.resolve(one(url, 'd'));
      sendPage(res, datasetPage(dir, await readDatasetIndex(dir), links), {
        title: `Dataset ${roots.display(dir)}`,
        crumbs: [home],
      });
    },
    '/session': async (url, _req, res) => {
      const dir = await roots.resolve(one(url, 'd'));
      const state = await readSessionState(dir, basename(dir));
      sendPage(res, sessionPage(dir, state, links, true), {
        title: `Session ${basename(dir)}`,
        crumbs: [home],
      });
    },
    '/api/session': async (url, req, res) => {
      const dir = await roots.resolve(one(url, 'd'));
      if (!(await stat(dir)).isDirectory()) throw new ViewError('not a session folder', 404);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      streams.add(res);
      let last = '';
      let version = 0;
      const tick = async (): Promise<void> => {
        const state = await readSessionState(dir, basename(dir));
        const files = state.files.map((f) => ({
          ...f,
          href:
            f.hasOutput || f.hasInput
              ? links.essay(join(dir, f.hasOutput ? 'output' : 'input', `${f.id}.json`))
              : '',
        }));
        const body = JSON.stringify({ ...state, files });
        if (body === last) return void res.write(': idle\n\n');
        last = body;
        version += 1;
        res.write(
          `event: state\ndata: ${mask(JSON.stringify({ ...state, files, version, now: Date.now() }))}\n\n`,
        );
      };
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tick().then(
          () => (busy = false),
          () => (busy = false),
        );
      }, options.pollMs ?? 300);
      timers.add(timer);
      await tick();
      req.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
        streams.delete(res);
      });
    },
    '/run': async (url, _req, res) => {
      const dir = await roots.resolve(one(url, 'd'));
      const vs = url.searchParams.get('vs');
      const other = vs ? await roots.resolve(vs) : undefined;
      sendPage(res, await runPage(dir, other, links), {
        title: `Eval run ${roots.display(dir)}`,
        crumbs: [home],
      });
    },
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // A page from elsewhere that renames itself to 127.0.0.1 (DNS rebinding) still sends its own Host.
      const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (LOOPBACK.includes(host) && !LOOPBACK.includes(hostHeader))
        throw new ViewError(`refused: Host ${hostHeader || '(none)'} is not this machine`, 403);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ViewError('only GET is served', 405);
      const url = new URL(req.url ?? '/', 'http://view.invalid');
      if (url.pathname === '/assets/view.css') return send(res, 200, 'text/css; charset=utf-8', CSS);
      if (url.pathname === '/favicon.ico') return send(res, 200, 'image/svg+xml', ICON);
      if (url.pathname === '/assets/view.js') return send(res, 200, 'text/javascript; charset=utf-8', JS);
      const route = routes[url.pathname];
      if (!route) throw new ViewError(`no page ${url.pathname}`, 404);
      await route(url, req, res);
    } catch (error) {
      const status = error instanceof ViewError ? error.status : isToolkitError(error) ? 422 : 500;
      const message = isToolkitError(error) ? error.message : 'internal error (see the terminal)';
      if (!isToolkitError(error)) process.stderr.write(`view: ${String((error as Error)?.stack ?? error)}\n`);
      if (res.headersSent) return void res.end();
      sendPage(
        res,
        html`<p role="alert">${message}</p>`,
        { title: `Error ${status}`, crumbs: [{ href: '/', label: 'Home' }] },
        status,
      );
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
