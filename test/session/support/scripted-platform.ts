import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIoServer } from '../../../src/platform/io-types.js';
import type { IoServer, IoSocket } from '../../../src/platform/io-types.js';

/** One message a client sent. */
export interface Received {
  event: string;
  payload: unknown;
}

/** A connected client as a script sees it: what it sent, and a way to wait for its next message. */
export class ScriptedClient {
  readonly received: Received[] = [];
  readonly #waiters: Array<{ event: string; resolve: (payload: unknown) => void }> = [];
  readonly #unclaimed: Received[] = [];

  constructor(readonly socket: IoSocket) {
    socket.use((packet, next) => {
      const [event, payload] = packet as [string, unknown];
      this.received.push({ event, payload });
      const i = this.#waiters.findIndex((w) => w.event === event);
      if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(payload);
      else this.#unclaimed.push({ event, payload });
      next();
    });
  }

  /** Resolves with the payload of the next `event` the client sends (or one it already sent and nobody took). */
  next(event: string): Promise<unknown> {
    const i = this.#unclaimed.findIndex((r) => r.event === event);
    if (i >= 0) return Promise.resolve(this.#unclaimed.splice(i, 1)[0]!.payload);
    return new Promise((resolve) => this.#waiters.push({ event, resolve }));
  }

  emit(event: string, payload?: unknown): void {
    if (payload === undefined) this.socket.emit(event);
    else this.socket.emit(event, payload);
  }
}

/**
A bare Socket.IO 2 server on `/pku` that does only what the test's script says: a hostile or
broken platform (answers late, never, or wrongly; pushes what it should not).
*/
export class ScriptedPlatform {
  readonly clients: ScriptedClient[] = [];

  private constructor(
    readonly host: string,
    private readonly io: IoServer,
  ) {}

  static async start(script: (client: ScriptedClient) => void): Promise<ScriptedPlatform> {
    const server = createServer();
    const io = createIoServer(server, {
      transports: ['websocket'],
      pingInterval: 25_000,
      pingTimeout: 60_000,
      maxHttpBufferSize: 10_000_000,
      serveClient: false,
      cookie: false,
      allowRequest: (_req, callback) => callback(null, true),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const platform = new ScriptedPlatform(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, io);
    io.of('/pku').on('connection', (socket) => {
      const client = new ScriptedClient(socket);
      platform.clients.push(client);
      // The end of a session ships its log records and waits for this answer.
      socket.on('logs-send', () => client.emit('logs-send-success', { message: 'ok' }));
      script(client);
    });
    return platform;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.io.close(() => resolve()));
  }
}

/** A small readable essay, as a platform pushes it. */
export function pushedEssay(id: string): Record<string, unknown> {
  return {
    meta: { id, subject: 'rus', theme: 'Тема', taskText: '' },
    text: 'Проблема, поднятая автором, актуальна и сегодня. Автор прав.',
    selections: [],
  };
}
