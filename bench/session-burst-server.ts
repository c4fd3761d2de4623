// A minimal Socket.IO 2 platform for the session benchmark: it pushes files as a burst (or at a
// fixed interval shorter than the deadline), which the local platform's one-file-per-interval
// schedule cannot do, and records whether each answer arrived before its deadline.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ClientEvent, NAMESPACE, ServerEvent } from '../src/protocol/index.js';

interface IoSocket {
  handshake: { query: Record<string, unknown> };
  emit(event: string, payload: unknown): void;
  on(event: string, listener: (payload: unknown) => void): void;
  disconnect(close?: boolean): void;
}
interface IoServer {
  of(nsp: string): { on(event: 'connection', listener: (socket: IoSocket) => void): void };
  close(callback?: () => void): void;
}
// socket.io 2 has no types; the few calls used here are typed above.
const io = createRequire(import.meta.url)('socket.io') as (
  http: ReturnType<typeof createServer>,
  options: object,
) => IoServer;

export interface BurstOptions {
  token: string;
  essays: Array<{ fileId: string; content: Record<string, unknown> }>;
  /** 0 pushes every file at once. */
  intervalMs: number;
  deadlineMs: number;
}

export interface BurstServer {
  port: number;
  onTime: number;
  late: number;
  close(): Promise<void>;
}

export async function startBurstServer(options: BurstOptions): Promise<BurstServer> {
  const http = createServer();
  const server = io(http, {
    transports: ['websocket'],
    serveClient: false,
    cookie: false,
    maxHttpBufferSize: 1e8,
  });
  const state: BurstServer = { port: 0, onTime: 0, late: 0, close: async () => undefined };
  server.of(NAMESPACE).on('connection', (socket) => {
    if (socket.handshake.query.token !== options.token) {
      socket.emit(ServerEvent.connectionAuthError, { message: 'bad token' });
      socket.disconnect();
      return;
    }
    const deadlines = new Map<string, number>();
    let answered = 0;
    const push = (i: number) => {
      const essay = options.essays[i];
      if (!essay) return;
      deadlines.set(essay.fileId, Date.now() + options.deadlineMs);
      socket.emit(ServerEvent.fileAvailable, { sessionId: 1, fileId: essay.fileId, content: essay.content });
    };
    socket.on(ClientEvent.start, () => {
      socket.emit(ServerEvent.startSuccess, { sessionId: 1 });
      if (options.intervalMs === 0) options.essays.forEach((_, i) => push(i));
      else {
        let i = 0;
        push(i++);
        const timer = setInterval(
          () => (i < options.essays.length ? push(i++) : clearInterval(timer)),
          options.intervalMs,
        );
      }
    });
    socket.on(ClientEvent.fileSend, (payload) => {
      const { fileId } = payload as { fileId: string };
      if (Date.now() <= (deadlines.get(fileId) ?? 0)) state.onTime += 1;
      else state.late += 1;
      socket.emit(ServerEvent.fileSendSuccess, { sessionId: 1, fileId });
      answered += 1;
      if (answered === options.essays.length)
        socket.emit(ServerEvent.close, { sessionId: 1, type: 'finish' });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.port = (http.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Runs the server in a child process so the client being measured has its process to itself. */
export interface RemoteBurst {
  port: number;
  stats(): Promise<{ onTime: number; late: number }>;
  close(): Promise<void>;
}

export async function forkBurstServer(options: BurstOptions): Promise<RemoteBurst> {
  const { fork } = await import('node:child_process');
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: object) =>
    new Promise<T>((resolve) => {
      child.once('message', (reply) => resolve(reply as T));
      child.send(message);
    });
  const { port } = await ask<{ port: number }>({ start: options });
  return {
    port,
    stats: () => ask<{ onTime: number; late: number }>({ stats: true }),
    close: async () => {
      await ask({ close: true });
      child.disconnect();
    },
  };
}

if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let server: BurstServer | undefined;
  process.on('message', (message: { start?: BurstOptions; stats?: boolean; close?: boolean }) => {
    void (async () => {
      if (message.start) {
        server = await startBurstServer(message.start);
        process.send?.({ port: server.port });
      } else if (message.stats) process.send?.({ onTime: server?.onTime ?? 0, late: server?.late ?? 0 });
      else if (message.close) {
        await server?.close();
        process.send?.({ closed: true });
      }
    })();
  });
}
