export { ServerEvent, ClientEvent, NAMESPACE, ENGINE_IO_PROTOCOL } from './events.js';
export type { ServerEventName, ClientEventName } from './events.js';
export type {
  SessionId,
  FileId,
  SessionType,
  DatasetType,
  Lang,
  StartParams,
  StartRequest,
  WireEssay,
  MessagePayload,
  SessionIdPayload,
  FileAvailablePayload,
  FileSendRequest,
  FileSendResult,
  FileRepeatRequest,
  FileRepeatSuccess,
  FileRepeatError,
  CloseType,
  ClosePayload,
  AbortPayload,
  ClientAbortRequest,
  LogRecord,
  LogsSendRequest,
} from './payloads.js';
export type { ServerToClientEvents, ClientToServerEvents, EventPayload } from './typed-events.js';
export {
  START_LIMITS,
  SESSION_TYPES,
  DATASET_TYPES,
  LANGS,
  TECHNICAL_FILE_TIME_SEC,
  DEFAULT_FILE_TIME_SEC,
  checkStartRequest,
} from './start.js';
export type { StartCheck } from './start.js';
export { parseServer, parseClient, decodeWireEssay, isFileId, isSessionId, isRecord } from './validate.js';
export type { Parsed } from './validate.js';
export { namespaceUrl } from './url.js';
