import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NAMESPACE } from '../protocol/index.js';
import type { ClientConnection } from './connection.js';
import { Dataset } from './dataset.js';
import { createIoServer } from './io-types.js';
import { resolveOptions } from './options.js';
import type { PlatformOptions } from './options.js';
import { PlatformEmitter, PlatformEvent } from './platform-events.js';
import type { PlatformEventName, PlatformListener } from './platform-events.js';
import { gatePollingHandshakes, protocolMismatch } from './protocol-gate.js';
import type { SessionReport } from './report.js';
import { serveNamespace } from './server.js';
import { SessionManager } from './session-manager.js';
import type { PlatformSessionSummary } from './session-manager.js';
import { PlatformStore } from './store.js';
import { TokenRegistry } from './token-registry.js';

const IO_PATH = '/socket.io';

/** A running local platform. */
export interface Platform {
  on<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): Platform;
  once<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): Platform;
  off<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): Platform;
  /** The namespace URL clients connect to, e.g. `http://127.0.0.1:4000/pku`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** How many tokens the platform accepts (the tokens themselves are not exposed). */
  readonly tokenCount: number;
  /** The name a token has in this store's files and logs (salted: see `tokenHash`). */
  tokenHash(token: string): string;
  /** Ends a session by force (`session-abort` to its client); by token or session id. */
  abortSession(tokenOrSessionId: string | number, message?: string): Promise<SessionReport | undefined>;
  /** The final report of an ended session (also from disk), a snapshot of a running one. */
  report(sessionId: number): Promise<SessionReport | undefined>;
  sessions(): PlatformSessionSummary[];
  /** Aborts every open session (reports are written), then closes every connection. Idempotent. */
  close(): Promise<void>;
}

/**
Starts the local platform: a Socket.IO 2 server (WebSocket only) serving `/pku` on `host:port`
(port 0 picks a free one).
@example
const platform = await startPlatform({ dataDir: tmp, tokens: ['t1'], timeScale: 0.001 });
platform.on(PlatformEvent.sessionEnded, ({ report }) => console.log(report.totals));
*/
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const opts = await resolveOptions(options);
  const log = opts.logger.child({ module: 'platform' });
  const dataset = await Dataset.load(opts.datasetDir);
  const store = new PlatformStore(opts.dataDir);
  const registry = new TokenRegistry<ClientConnection>(opts.tokens, await store.tokenSalt());
  const events = new PlatformEmitter((error) => log.error({ err: error }, 'a platform event listener threw'));
  const manager = new SessionManager(
    opts,
    dataset,
    store,
    registry,
    events,
    log,
    await store.nextSessionId(),
  );
  // Sessions that were active when the platform stopped come back before any client connects.
  await manager.restore();

  const refuse = (reason: string) => {
    log.warn(`handshake refused: ${reason}`);
    events.emit(PlatformEvent.connectionRefused, { reason });
  };
  const http = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const io = createIoServer(http, {
    transports: ['websocket'],
    pingInterval: opts.pingIntervalMs,
    pingTimeout: opts.pingTimeoutMs,
    maxHttpBufferSize: opts.maxPayloadBytes,
    serveClient: false,
    cookie: false,
    allowRequest: (req, callback) => {
      const reason = protocolMismatch(req);
      if (reason === undefined) return callback(null, true);
      refuse(reason);
      callback(reason, false);
    },
  });
  gatePollingHandshakes(http, `${IO_PATH}/`, refuse);
  serveNamespace(io.of(NAMESPACE), { registry, manager, events, log });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}${NAMESPACE}`;
  log.info(`local platform on ${url}, ${dataset.entries.length} essays from ${dataset.dir}`);

  let closing: Promise<void> | undefined;
  const platform: Platform = {
    url,
    host: opts.host,
    port,
    dataDir: opts.dataDir,
    tokenCount: registry.size,
    tokenHash: (token) => registry.hash(token),
    on: (event, listener) => (events.on(event, listener), platform),
    once: (event, listener) => (events.once(event, listener), platform),
    off: (event, listener) => (events.off(event, listener), platform),
    abortSession: (key, message) => manager.abort(key, message),
    report: (sessionId) => manager.report(sessionId),
    sessions: () => manager.sessions(),
    close() {
      closing ??= (async () => {
        await manager.shutdown('the platform is shutting down');
        await new Promise<void>((resolve) => io.close(() => resolve()));
        log.info('local platform stopped');
      })();
      return closing;
    },
  };
  return platform;
}
