import { createRequire } from 'node:module';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/index.js';

/** Reserved events of a socket.io 2 client socket and what they carry. */
export interface ReservedEvents {
  connect: [];
  disconnect: [reason: string];
  connect_error: [error: unknown];
  connect_timeout: [timeout: number];
  /** A namespace ERROR packet, e.g. middleware refusing the connection (`"unauthorized"`). */
  error: [error: unknown];
}

/** The untyped surface of socket.io-client 2.5.0 that we use. */
interface RawSocket {
  connected: boolean;
  on(event: string, listener: (...args: unknown[]) => void): RawSocket;
  off(event: string, listener?: (...args: unknown[]) => void): RawSocket;
  emit(event: string, ...args: unknown[]): RawSocket;
  connect(): RawSocket;
  close(): RawSocket;
}

type RawFactory = (url: string, options: Record<string, unknown>) => RawSocket;

export interface TypedSocketOptions {
  /** Query parameters of the handshake (`token`, `version`). */
  query: Record<string, string>;
  /** @default true */
  rejectUnauthorized: boolean;
  /** Milliseconds before a connection attempt counts as failed. @default 10000 */
  timeoutMs?: number;
}

// socket.io-client 2 ships no types and is CommonJS: load it once, here, and type it once.
const io = createRequire(import.meta.url)('socket.io-client') as RawFactory;

/**
A socket.io-client 2 socket typed by the protocol's event maps. Server payloads reach listeners
as `unknown` on purpose: the connector validates them with `parseServer` before anyone acts.
Reconnection is the connector's job, so the library's own reconnection is off.
*/
export class TypedSocket {
  readonly #raw: RawSocket;

  constructor(url: string, options: TypedSocketOptions) {
    this.#raw = io(url, {
      transports: ['websocket'],
      upgrade: false,
      forceNew: true,
      forceNode: true,
      autoConnect: false,
      reconnection: false,
      timeout: options.timeoutMs ?? 10_000,
      rejectUnauthorized: options.rejectUnauthorized,
      query: options.query,
    });
  }

  get connected(): boolean {
    return this.#raw.connected;
  }

  on<E extends keyof ServerToClientEvents>(event: E, listener: (payload: unknown) => void): void {
    this.#raw.on(event, listener);
  }

  onReserved<E extends keyof ReservedEvents>(event: E, listener: (...args: ReservedEvents[E]) => void): void {
    // The library calls reserved listeners with exactly the documented arguments.
    this.#raw.on(event, listener as (...args: unknown[]) => void);
  }

  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): void {
    this.#raw.emit(event, ...args);
  }

  connect(): void {
    this.#raw.connect();
  }

  close(): void {
    this.#raw.close();
  }
}
