import { Essay, EssayReadError } from '../../essay/index.js';
import { MarkupError } from '../errors.js';
import type { Markup, MarkupContext, MarkupLogger } from '../types.js';
import { ServerState } from './server-state.js';

export interface HttpMarkupOptions {
  /** One URL per model server (or load balancer); the essay is POSTed there. */
  urls: readonly string[];
  /** Requests in flight per server. @default 4 */
  perServer?: number;
  /** Sent as the `Authorization` header when set (`MARKUP_AUTH`); never logged. */
  auth?: string;
  /** Skip TLS certificate checks: only on the user's explicit opt-out. @default false */
  insecure?: boolean;
  logger?: MarkupLogger;
  /** A longer response is an error. @default 20 MiB */
  maxResponseBytes?: number;
  /** Failures in a row that take a server out. @default 3 */
  failuresToEject?: number;
  /** @default 1000 */
  ejectMs?: number;
}

/**
Why one attempt failed, and whether another server may do better. `sameServer` false: trying the
same server again cannot help (its certificate is refused), only another server may.
*/
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly kind: MarkupError['kind'],
    readonly sameServer = true,
  ) {
    super(message);
  }
}

/** Node's codes for a TLS certificate that does not verify: it will not verify on a second try either. */
function isCertificateError(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | undefined)?.cause].map(
    (e) => (e as { code?: unknown } | undefined)?.code,
  );
  return codes.some(
    (code) =>
      typeof code === 'string' &&
      (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID'),
  );
}

const MiB = 1024 * 1024;

/**
`--markup-url URL` (repeatable): POSTs each essay to a model server and reads the marked essay from
the response. Keep-alive pools, a limit per server, least-outstanding balancing, a timeout from the
time left, retries on another server on connection errors and 5xx, failing servers taken out and
probed back in. The contract is docs/markup-http.md.
*/
export function createHttpMarkup(options: HttpMarkupOptions): Markup {
  if (options.urls.length === 0)
    throw new MarkupError('markup http needs at least one URL', 'config', { markup: 'http' });
  const perServer = options.perServer ?? 4;
  const servers = options.urls.map((raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new MarkupError(`markup URL ${JSON.stringify(raw)} is not a URL`, 'config', { markup: 'http' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new MarkupError(`markup URL ${JSON.stringify(raw)} must be http:// or https://`, 'config', {
        markup: 'http',
      });
    return new ServerState(url, {
      limit: perServer,
      verifyTls: options.insecure !== true,
      ...(options.failuresToEject !== undefined && { failuresToEject: options.failuresToEject }),
      ...(options.ejectMs !== undefined && { ejectMs: options.ejectMs }),
    });
  });
  const name = `http:${servers.map((s) => s.label).join(',')}`;
  const hide = hider(options.auth);
  const maxBytes = options.maxResponseBytes ?? 20 * MiB;
  const waiting: (() => void)[] = [];
  let closed = false;

  /** The available server with the fewest requests in flight, or undefined if all are busy or out. */
  const pick = (tried: Set<ServerState>): ServerState | undefined => {
    let best: ServerState | undefined;
    for (const server of servers) {
      if (!server.available) continue;
      const penalty = tried.has(server) ? 1e6 : 0; // another server first, this one if it is the only one
      if (best === undefined || server.outstanding + penalty < best.outstanding + (tried.has(best) ? 1e6 : 0))
        best = server;
    }
    return best;
  };
  const wake = (): void => {
    for (const resume of waiting.splice(0)) resume();
  };
  /** Waits until a server frees a slot or comes back in (checked at the earliest time one may). */
  const slot = (signal: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const soonest = Math.min(...servers.map((s) => (s.outUntil > 0 ? s.outUntil : Infinity)));
      const timer = Number.isFinite(soonest)
        ? setTimeout(done, Math.max(1, soonest - Date.now()))
        : undefined;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort(): void {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      }
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(done);
    });

  const attempt = async (server: ServerState, body: string, context: MarkupContext): Promise<Essay> => {
    const left = context.deadline - Date.now();
    if (left <= 0) throw new AttemptError('no time left before the deadline', false, 'aborted');
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(left)]);
    let response;
    try {
      response = await server.pool.request({
        method: 'POST',
        path: server.path,
        body,
        signal,
        headersTimeout: left,
        bodyTimeout: left,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'x-readable-file-id': context.fileId,
          'x-readable-deadline': String(context.deadline),
          ...(options.auth !== undefined && { authorization: options.auth }),
        },
      });
    } catch (error) {
      if (context.signal.aborted) throw new AttemptError('aborted', false, 'aborted');
      if (signal.aborted) throw new AttemptError('no response before the deadline', false, 'aborted');
      throw new AttemptError(
        `connection failed: ${describe(error)}`,
        true,
        'threw',
        !isCertificateError(error),
      );
    }
    const { statusCode } = response;
    let text: string;
    try {
      text = await readBody(response.body, maxBytes);
    } catch (error) {
      if (signal.aborted && !context.signal.aborted)
        throw new AttemptError(
          `the response (status ${statusCode}) was still arriving at the deadline`,
          false,
          'aborted',
        );
      if (context.signal.aborted) throw new AttemptError('aborted', false, 'aborted');
      if (error instanceof AttemptError) throw error;
      throw new AttemptError(`the response broke off: ${describe(error)}`, true, 'threw');
    }
    if (statusCode >= 500) throw new AttemptError(`answered ${statusCode}: ${snippet(text)}`, true, 'threw');
    if (statusCode >= 300 && statusCode < 400) {
      const location = response.headers.location;
      throw new AttemptError(
        `answered a redirect (${statusCode}${location ? ` to ${String(location)}` : ''}), which is not followed; give the final URL`,
        false,
        'invalid',
      );
    }
    if (statusCode >= 400)
      throw new AttemptError(`answered ${statusCode}: ${snippet(text)}`, false, 'invalid');
    try {
      return Essay.fromJSON(text, { source: `the response of ${server.label}` });
    } catch (error) {
      if (!(error instanceof EssayReadError)) throw error;
      throw new AttemptError(
        `answered ${statusCode} with a body that is not an essay: ${error.message}`,
        false,
        'invalid',
      );
    }
  };

  return {
    name,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      const body = JSON.stringify(essay.toJSON());
      const tried = new Set<ServerState>();
      const failures: string[] = [];
      const where = { markup: name, fileId: context.fileId };
      const fail = (message: string, kind: MarkupError['kind']): MarkupError =>
        new MarkupError(hide(message), kind, where);
      for (;;) {
        if (closed) throw fail(`markup "${name}" is closed`, 'aborted');
        const server = pick(tried);
        if (server === undefined) {
          try {
            await slot(context.signal);
          } catch {
            throw fail(
              `markup "${name}" aborted for file ${context.fileId} while waiting for a free server${failures.length > 0 ? `; before: ${failures.join('; ')}` : ''}`,
              'aborted',
            );
          }
          continue;
        }
        tried.add(server);
        server.begin();
        try {
          const marked = await attempt(server, body, context);
          const { back } = server.succeeded();
          if (back) options.logger?.info(where, `${server.label} answered again and is back in`);
          wake();
          if (marked.text !== essay.text)
            throw fail(
              `${server.label} returned a different essay text for file ${context.fileId}; selections must point into the text it was sent`,
              'invalid',
            );
          return marked;
        } catch (error) {
          if (!(error instanceof AttemptError)) {
            wake();
            throw error;
          }
          if (error.retry) {
            const { ejected, forMs } = server.failed();
            if (ejected)
              options.logger?.warn(
                { ...where, server: server.label },
                hide(`${server.label} taken out for ${forMs / 1000} s after failing: ${error.message}`),
              );
          } else server.released();
          wake();
          const message = `${server.label} ${error.message}`;
          failures.push(message);
          const untried = servers.some((s) => !tried.has(s));
          if (
            !error.retry ||
            (!error.sameServer && !untried) ||
            context.signal.aborted ||
            Date.now() >= context.deadline
          ) {
            const before = failures.length > 1 ? ` (tried before: ${failures.slice(0, -1).join('; ')})` : '';
            throw fail(`${message} for file ${context.fileId}${before}`, error.kind);
          }
          options.logger?.warn(
            { ...where, server: server.label },
            hide(`${message}; retrying file ${context.fileId} on another server`),
          );
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      wake();
      await Promise.all(servers.map((s) => s.pool.close().catch(() => undefined)));
    },
  };
}

async function readBody(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  maxBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new AttemptError(`answered more than ${maxBytes} bytes`, false, 'invalid');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A server may echo the auth header back in an error page: it never reaches a message. */
function hider(auth: string | undefined): (text: string) => string {
  if (auth === undefined || auth === '') return (text) => text;
  const parts = [auth, auth.replace(/^\S+\s+/, '')].filter((p) => p.length >= 4);
  return (text) => parts.reduce((out, part) => out.split(part).join('****'), text);
}

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '(empty body)';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; message?: string } }).cause;
  const detail = typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  return cause?.code !== undefined ? `${detail} (${String(cause.code)})` : detail;
}
