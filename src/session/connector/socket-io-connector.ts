import { ClientEvent, ServerEvent, namespaceUrl, parseServer } from '../../protocol/index.js';
import type {
  ClientAbortRequest,
  FileRepeatRequest,
  FileSendRequest,
  LogsSendRequest,
  Parsed,
  ServerEventName,
  StartRequest,
} from '../../protocol/index.js';
import { SessionError } from '../errors.js';
import { TypedEmitter } from '../typed-emitter.js';
import { backoffDelay, DEFAULT_RECONNECT } from './backoff.js';
import { TypedSocket } from './typed-socket.js';
import type { Connector, ConnectorEvents, ConnectorOptions, ReconnectPolicy, ServerEvents } from './types.js';

/** A server-side disconnect after these server events is final: reconnecting would not help. */
type StopReason = 'auth' | 'session-over' | 'closed';

/**
The standard connector: Socket.IO 2 over WebSocket only, token and `version` in the query,
certificates verified unless the config opts out. It reconnects on its own, with capped,
jittered backoff; after a server-side disconnect it decides explicitly (socket.io 2 would not
reconnect by itself): not after an auth error or the end of the session, yes otherwise.
*/
export class SocketIoConnector extends TypedEmitter<ConnectorEvents> implements Connector {
  readonly name = 'socket.io-v2';
  readonly url: string;
  readonly #socket: TypedSocket;
  readonly #policy: ReconnectPolicy;
  #stop: StopReason | undefined;
  #everConnected = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #firstConnect: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(options: ConnectorOptions) {
    super();
    this.url = namespaceUrl(options.host);
    this.#policy = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.#socket = new TypedSocket(this.url, {
      query: { token: options.token, version: String(options.protocolVersion ?? 2) },
      rejectUnauthorized: options.tlsInsecure !== true,
    });
    this.#bridgeServerEvents();
    this.#socket.onReserved('connect', () => this.#onConnect());
    this.#socket.onReserved('disconnect', (reason) => this.#onDisconnect(reason));
    this.#socket.onReserved('connect_error', (error) => this.#retry(describe(error)));
    this.#socket.onReserved('connect_timeout', () => this.#retry('connection timed out'));
    this.#socket.onReserved('error', (error) => this.#onError(error));
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  connect(): Promise<void> {
    if (this.#socket.connected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#firstConnect = { resolve, reject };
      this.#stop = undefined;
      this.#socket.connect();
    });
  }

  start(request: StartRequest): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.start, request));
  }

  abort(request: ClientAbortRequest): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.clientAbort, request));
  }

  reconnect(): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.reconnect));
  }

  sendFile(request: FileSendRequest): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.fileSend, request));
  }

  getFile(request: FileRepeatRequest = {}): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.fileRepeat, request));
  }

  sendLogs(request: LogsSendRequest): boolean {
    return this.#send(() => this.#socket.emit(ClientEvent.logsSend, request));
  }

  async close(): Promise<void> {
    this.#stop ??= 'closed';
    clearTimeout(this.#timer);
    this.#socket.close();
    this.#firstConnect?.reject(
      new SessionError('the connection was closed before it was made', 'closed', { url: this.url }),
    );
    this.#firstConnect = undefined;
  }

  /** socket.io 2 buffers emits while offline; we do not, the outgoing store resends instead. */
  #send(emit: () => void): boolean {
    if (!this.#socket.connected) return false;
    emit();
    return true;
  }

  /**
  Only `connection-auth-error` refuses the token (docs/protocol.md §2). Any other `error` is a
  fault of the line or of one message: a transport error (a frame over the size limit, a broken
  frame) is followed by a `disconnect` that reconnects; a namespace ERROR packet before the
  namespace is joined (server middleware refusing it) is a failed attempt, retried with backoff
  up to the policy's limit; one while connected changes nothing. None ends the session.
  */
  #onError(error: unknown): void {
    const message = describe(error);
    const transport = error instanceof Error;
    this.emit('transport-error', { message, connected: this.#socket.connected });
    if (!transport && !this.#socket.connected) this.#retry(`the platform refused the namespace: ${message}`);
  }

  #onConnect(): void {
    const reconnect = this.#everConnected;
    this.#everConnected = true;
    this.#attempt = 0;
    this.#firstConnect?.resolve();
    this.#firstConnect = undefined;
    this.emit('connected', { reconnect });
  }

  #onDisconnect(reason: string): void {
    const willReconnect = this.#stop === undefined && reason !== 'io client disconnect';
    this.emit('disconnected', { reason, willReconnect });
    if (willReconnect) this.#retry(reason);
  }

  #retry(reason: string): void {
    if (this.#stop !== undefined) return;
    this.#attempt += 1;
    const limit = this.#everConnected ? this.#policy.maxAttempts : this.#policy.initialAttempts;
    if (this.#attempt > limit) {
      const what = this.#everConnected ? 'reconnect to' : 'connect to';
      this.#fail(
        'closed',
        new SessionError(
          `could not ${what} ${this.url} after ${limit} attempts (last error: ${reason})`,
          'connection',
          {
            url: this.url,
          },
        ),
      );
      return;
    }
    const delayMs = backoffDelay(this.#attempt, this.#policy);
    this.emit('reconnecting', { attempt: this.#attempt, delayMs });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#stop === undefined && !this.#socket.connected) this.#socket.connect();
    }, delayMs);
  }

  #fail(stop: StopReason, error: Error): void {
    if (this.#stop === 'auth') return;
    this.#stop = stop;
    clearTimeout(this.#timer);
    this.#socket.close();
    this.#firstConnect?.reject(error);
    this.#firstConnect = undefined;
    this.emit('failed', error);
  }

  #bridgeServerEvents(): void {
    this.#bridge(ServerEvent.connectionAuthError, parseServer.connectionAuthError, (p) => {
      this.emit(ServerEvent.connectionAuthError, p);
      const detail = p.message ? `: ${p.message}` : '';
      this.#fail(
        'auth',
        new SessionError(`the platform rejected the token${detail}`, 'auth', { url: this.url }),
      );
    });
    this.#bridge(ServerEvent.autoReconnectError, parseServer.autoReconnectError);
    this.#bridge(ServerEvent.startSuccess, parseServer.startSuccess);
    this.#bridge(ServerEvent.startError, parseServer.startError);
    this.#bridge(ServerEvent.fileAvailable, parseServer.fileAvailable);
    this.#bridge(ServerEvent.fileSendSuccess, parseServer.fileSendSuccess);
    this.#bridge(ServerEvent.fileSendError, parseServer.fileSendError);
    this.#bridge(ServerEvent.fileRepeatSuccess, parseServer.fileRepeatSuccess);
    this.#bridge(ServerEvent.fileRepeatError, parseServer.fileRepeatError);
    this.#bridge(ServerEvent.reconnectSuccess, parseServer.reconnectSuccess);
    this.#bridge(ServerEvent.reconnectError, parseServer.reconnectError);
    this.#bridge(ServerEvent.close, parseServer.close, (p) => this.#sessionOver(ServerEvent.close, p));
    this.#bridge(ServerEvent.abort, parseServer.abort, (p) => this.#sessionOver(ServerEvent.abort, p));
    this.#bridge(ServerEvent.clientAbortSuccess, parseServer.clientAbortSuccess, (p) =>
      this.#sessionOver(ServerEvent.clientAbortSuccess, p),
    );
    this.#bridge(ServerEvent.clientAbortError, parseServer.clientAbortError);
    this.#bridge(ServerEvent.logsSendSuccess, parseServer.logsSendSuccess);
    this.#bridge(ServerEvent.logsSendError, parseServer.logsSendError);
  }

  /** After these the platform drops us on purpose; the drop must not trigger a reconnect. */
  #sessionOver<E extends ServerEventName>(event: E, payload: ServerEvents[E][0]): void {
    this.#stop ??= 'session-over';
    this.#emitServer(event, payload);
  }

  #emitServer<E extends ServerEventName>(event: E, payload: ServerEvents[E][0]): void {
    // TS cannot correlate a generic key of an intersection map with its tuple; the bridge's
    // signature already ties `payload` to `event`, so the one widening here is safe.
    (this.emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  #bridge<E extends ServerEventName>(
    event: E,
    parse: (raw: unknown) => Parsed<ServerEvents[E][0]>,
    handle?: (payload: ServerEvents[E][0]) => void,
  ): void {
    this.#socket.on(event, (raw) => {
      const parsed = parse(raw);
      if (!parsed.ok) {
        this.emit('protocol-error', { event, error: parsed.error, payload: raw });
        return;
      }
      if (handle) handle(parsed.value);
      else this.#emitServer(event, parsed.value);
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // engine.io-client wraps the real cause (a TLS or DNS error) as `description`: "websocket error"
    // alone would hide that the certificate was refused.
    // It is the ws ErrorEvent (`{message, error}`), an Error or a string depending on the transport.
    const cause = (error as { description?: unknown }).description;
    const message = (cause as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' ? message : typeof cause === 'string' ? cause : undefined;
    return detail && detail !== error.message ? `${error.message}: ${detail}` : error.message;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
