import type {
  ClientAbortRequest,
  EventPayload,
  FileRepeatRequest,
  FileSendRequest,
  LogsSendRequest,
  ServerEventName,
  ServerToClientEvents,
  StartRequest,
} from '../../protocol/index.js';
import type { TypedEmitter } from '../typed-emitter.js';

/** Every validated server event, re-emitted under its protocol name with its typed payload. */
export type ServerEvents = {
  [E in ServerEventName]: [payload: EventPayload<ServerToClientEvents, E>];
};

/** The connector's own life cycle, next to the protocol events. */
export interface LifecycleEvents {
  /** The transport is up and the namespace joined. `reconnect` is false only for the first time. */
  connected: [info: { reconnect: boolean }];
  disconnected: [info: { reason: string; willReconnect: boolean }];
  reconnecting: [info: { attempt: number; delayMs: number }];
  /** Stopped for good: auth refused, attempts exhausted or the window passed. */
  failed: [error: Error];
  /**
  An `error` of the line that is not an auth refusal (e.g. "websocket error: Max payload size
  exceeded"): informational, the connector reconnects by itself when the line went down with it.
  */
  'transport-error': [info: { message: string; connected: boolean }];
  /**
  A server event whose payload failed validation; it was not acted on. `payload` is what came, as
  received: a pushed file that fails is saved raw by the session, never dropped.
  */
  'protocol-error': [info: { event: string; error: string; payload?: unknown }];
}

export type ConnectorEvents = ServerEvents & LifecycleEvents;

/**
What a transport to the platform must do. The standard one speaks Socket.IO 2 over WebSocket;
a user can register another with `registerConnector` and nothing else changes.

Emitting methods return `false` when nothing was sent because the connection is down: the
session keeps its answers in the outgoing store and resends them after a reconnect, so a
connector must never buffer emits itself (that would send them twice).
*/
export interface Connector extends TypedEmitter<ConnectorEvents> {
  readonly name: string;
  readonly connected: boolean;
  /** Resolves at the first successful connection; rejects when the connector gives up. */
  connect(): Promise<void>;
  start(request: StartRequest): boolean;
  abort(request: ClientAbortRequest): boolean;
  /** `session-reconnect`: re-attach to the token's active session. */
  reconnect(): boolean;
  sendFile(request: FileSendRequest): boolean;
  /** `session-file-repeat`: ask for the current (or a missed) file. */
  getFile(request?: FileRepeatRequest): boolean;
  /**
  `logs-send`: the client's log records not sent before. Optional so that older custom
  connectors keep working; without it the session keeps its log records on disk only.
  */
  sendLogs?(request: LogsSendRequest): boolean;
  /** Disconnects and stops reconnecting. Idempotent. */
  close(): Promise<void>;
}

export interface ReconnectPolicy {
  /** First delay in ms. @default 1000 */
  minDelayMs: number;
  /** Cap in ms. @default 10000 */
  maxDelayMs: number;
  /** 0..1: each delay is randomised by ± this share. @default 0.5 */
  jitter: number;
  /**
  Attempts after a drop before giving up. @default 200 — with delays capped at 10 s that is
  more than the platform's 15-minute window for resuming a session.
  */
  maxAttempts: number;
  /** Attempts for the very first connection (a wrong host should fail fast). @default 3 */
  initialAttempts: number;
}

export interface ConnectorOptions {
  /** Base URL (`HOST`); the `/pku` namespace is added unless present. */
  host: string;
  token: string;
  /** `version` query parameter. @default 2 */
  protocolVersion?: number;
  /** Skip TLS certificate checks; only with the config's explicit `tlsInsecure`. @default false */
  tlsInsecure?: boolean;
  reconnect?: Partial<ReconnectPolicy>;
}

export type ConnectorFactory = (options: ConnectorOptions) => Connector;
