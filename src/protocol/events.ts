// The only place in the code base that spells the wire names of events (docs/protocol.md).

/** Events the platform emits and the client listens to. */
export const ServerEvent = {
  connectionAuthError: 'connection-auth-error',
  autoReconnectError: 'session-auto-reconnect-error',
  startSuccess: 'session-start-success',
  startError: 'session-start-error',
  fileAvailable: 'session-file-available',
  fileSendSuccess: 'session-file-send-success',
  fileSendError: 'session-file-send-error',
  fileRepeatSuccess: 'session-file-repeat-success',
  fileRepeatError: 'session-file-repeat-error',
  reconnectSuccess: 'session-reconnect-success',
  reconnectError: 'session-reconnect-error',
  close: 'session-close',
  abort: 'session-abort',
  clientAbortSuccess: 'session-client-abort-success',
  clientAbortError: 'session-client-abort-error',
  logsSendSuccess: 'logs-send-success',
  logsSendError: 'logs-send-error',
} as const;

/** Events the client emits and the platform listens to. */
export const ClientEvent = {
  start: 'session-start',
  fileSend: 'session-file-send',
  fileRepeat: 'session-file-repeat',
  reconnect: 'session-reconnect',
  clientAbort: 'session-client-abort',
  /** The published note's misspelling; a server accepts it as `session-client-abort`. */
  clientAbortMisspelled: 'session-cliend-abort',
  logsSend: 'logs-send',
} as const;

export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** The Socket.IO namespace of the platform. */
export const NAMESPACE = '/pku';

/** Engine.IO protocol 3 = Socket.IO protocol 2: the only generation the platform speaks. */
export const ENGINE_IO_PROTOCOL = 3;
