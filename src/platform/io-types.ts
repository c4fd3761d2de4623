import { createRequire } from 'node:module';
import type { IncomingMessage, Server as HttpServer } from 'node:http';

// socket.io 2 ships no type declarations; these cover the part of its API the platform uses.

export interface IoSocket {
  readonly id: string;
  readonly connected: boolean;
  readonly handshake: { query: Record<string, unknown> };
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): unknown;
  /** `false` leaves the namespace only: the client sees "io server disconnect" and does not retry. */
  disconnect(close?: boolean): unknown;
}

export interface IoNamespace {
  on(event: 'connection', listener: (socket: IoSocket) => void): unknown;
}

export interface IoServerOptions {
  transports: string[];
  pingInterval: number;
  pingTimeout: number;
  maxHttpBufferSize: number;
  serveClient: boolean;
  cookie: boolean;
  allowRequest: (req: IncomingMessage, callback: (error: string | null, ok: boolean) => void) => void;
}

export interface IoServer {
  of(namespace: string): IoNamespace;
  close(callback?: () => void): void;
}

type IoFactory = (server: HttpServer, options: IoServerOptions) => IoServer;

const require = createRequire(import.meta.url);

/** The socket.io 2 server factory, typed once here so no call site casts. */
export const createIoServer = require('socket.io') as IoFactory;
