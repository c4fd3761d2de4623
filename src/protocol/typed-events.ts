import type {
  AbortPayload,
  ClientAbortRequest,
  ClosePayload,
  FileAvailablePayload,
  FileRepeatError,
  FileRepeatRequest,
  FileRepeatSuccess,
  FileSendRequest,
  FileSendResult,
  LogsSendRequest,
  MessagePayload,
  SessionIdPayload,
  StartRequest,
} from './payloads.js';
import type { ClientEvent, ServerEvent } from './events.js';

/**
Listener signatures of what the platform emits. The client listens with
`Socket<ServerToClientEvents, ClientToServerEvents>`, the platform emits the reverse,
as socket.io types its own peers.
*/
export interface ServerToClientEvents {
  [ServerEvent.connectionAuthError]: (p: MessagePayload) => void;
  [ServerEvent.autoReconnectError]: (p: MessagePayload) => void;
  [ServerEvent.startSuccess]: (p: SessionIdPayload) => void;
  [ServerEvent.startError]: (p: MessagePayload) => void;
  [ServerEvent.fileAvailable]: (p: FileAvailablePayload) => void;
  [ServerEvent.fileSendSuccess]: (p: FileSendResult) => void;
  [ServerEvent.fileSendError]: (p: FileSendResult) => void;
  [ServerEvent.fileRepeatSuccess]: (p: FileRepeatSuccess) => void;
  [ServerEvent.fileRepeatError]: (p: FileRepeatError) => void;
  [ServerEvent.reconnectSuccess]: (p: SessionIdPayload) => void;
  [ServerEvent.reconnectError]: (p: MessagePayload) => void;
  [ServerEvent.close]: (p: ClosePayload) => void;
  [ServerEvent.abort]: (p: AbortPayload) => void;
  [ServerEvent.clientAbortSuccess]: (p: MessagePayload) => void;
  [ServerEvent.clientAbortError]: (p: MessagePayload) => void;
  [ServerEvent.logsSendSuccess]: (p: MessagePayload) => void;
  [ServerEvent.logsSendError]: (p: MessagePayload) => void;
}

/** Listener signatures of what the client emits. */
export interface ClientToServerEvents {
  [ClientEvent.start]: (p: StartRequest) => void;
  [ClientEvent.fileSend]: (p: FileSendRequest) => void;
  [ClientEvent.fileRepeat]: (p?: FileRepeatRequest) => void;
  [ClientEvent.reconnect]: () => void;
  [ClientEvent.clientAbort]: (p?: ClientAbortRequest) => void;
  [ClientEvent.clientAbortMisspelled]: (p?: ClientAbortRequest) => void;
  [ClientEvent.logsSend]: (p: LogsSendRequest) => void;
}

export type EventPayload<M, E extends keyof M> = M[E] extends (p: infer P) => void
  ? P
  : M[E] extends () => void
    ? undefined
    : never;
