import { EventEmitter } from 'node:events';
import type { SessionType } from '../protocol/index.js';
import type { SessionReport } from './report.js';
import type { EndType } from './session-state.js';

/** Names of what the platform object emits, so tests wait on events instead of sleeping. */
export const PlatformEvent = {
  sessionStarted: 'session-started',
  filePushed: 'file-pushed',
  fileAnswered: 'file-answered',
  sessionEnded: 'session-ended',
  connectionOpened: 'connection-opened',
  connectionClosed: 'connection-closed',
  connectionRefused: 'connection-refused',
} as const;

export interface PlatformEventMap {
  [PlatformEvent.sessionStarted]: { sessionId: number; tokenHash: string; type: SessionType; files: number };
  [PlatformEvent.filePushed]: {
    sessionId: number;
    fileId: string;
    index: number;
    /** False when no connection was attached: the file waits for `session-file-repeat`. */
    delivered: boolean;
    deadline: number;
  };
  [PlatformEvent.fileAnswered]: {
    sessionId: number;
    fileId: string;
    status: 'on-time' | 'late' | 'invalid';
    /** False for a late answer after an on-time one: stored, but the on-time one still counts. */
    counts: boolean;
    reason?: string;
  };
  [PlatformEvent.sessionEnded]: { sessionId: number; type: EndType; report: SessionReport };
  [PlatformEvent.connectionOpened]: { connectionId: string; tokenHash: string; sessionId?: number };
  [PlatformEvent.connectionClosed]: { connectionId: string; tokenHash: string; reason: string };
  /** Refused at the handshake (wrong protocol generation) or at authentication. */
  [PlatformEvent.connectionRefused]: { reason: string };
}

export type PlatformEventName = keyof PlatformEventMap;
export type PlatformListener<E extends PlatformEventName> = (payload: PlatformEventMap[E]) => void;

/**
Node's EventEmitter with the platform's event map on top. A listener that throws is reported to
`onListenerError` instead of unwinding into the platform: a bug in a test or a CLI summary must
not stop a session from ending or its report from being written.
*/
export class PlatformEmitter {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  on<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): this {
    this.emitter.on(event, listener);
    return this;
  }

  once<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): this {
    this.emitter.once(event, listener);
    return this;
  }

  off<E extends PlatformEventName>(event: E, listener: PlatformListener<E>): this {
    this.emitter.off(event, listener);
    return this;
  }

  emit<E extends PlatformEventName>(event: E, payload: PlatformEventMap[E]): void {
    // rawListeners keeps `once` wrappers, so calling them still removes one-shot listeners.
    for (const listener of this.emitter.rawListeners(event) as PlatformListener<E>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
