// Payload shapes of docs/protocol.md. Unknown extra fields are allowed everywhere and ignored.

/** Opaque: seen as a number and as a string on the wire; echo it back as received. */
export type SessionId = string | number;

/** Digits only (`"000105"`); clients pass it to shells and file names. */
export type FileId = string;

export type SessionType = 'algorithmic' | 'technical' | 'final';
export type DatasetType = 'train' | 'test';
export type Lang = 'rus' | 'eng' | 'all';

export interface StartParams {
  dsType: DatasetType;
  countFiles: number;
  lang: Lang;
  /** Seconds per file: the deadline and the interval between pushes. */
  time: number;
}

export interface StartRequest {
  type: SessionType;
  /** Only for `algorithmic` sessions. */
  params?: StartParams;
}

/** Essay JSON as an object, or serialised (the published note said string; clients used objects). */
export type WireEssay = Record<string, unknown> | string;

export interface MessagePayload {
  message: string;
}

export interface SessionIdPayload {
  sessionId: SessionId;
}

export interface FileAvailablePayload {
  /** Absent when the platform sent none or something that is not an id: the file still counts. */
  sessionId?: SessionId;
  fileId: FileId;
  content: WireEssay;
}

export interface FileSendRequest {
  /** `false` or missing means "my token's active session". */
  sessionId?: SessionId | false;
  fileId: FileId;
  content: WireEssay;
}

export interface FileSendResult {
  sessionId: SessionId;
  fileId: FileId;
  message?: string;
}

export interface FileRepeatRequest {
  lastFileId?: string;
}

export interface FileRepeatSuccess {
  sessionId?: SessionId;
  fileId: FileId;
  content: WireEssay;
  missed?: boolean;
}

export interface FileRepeatError {
  message: string;
  missed?: boolean;
}

export type CloseType = 'finish' | 'timeout-close';

export interface ClosePayload {
  sessionId: SessionId;
  type: CloseType;
}

export interface AbortPayload {
  sessionId: SessionId;
  message?: string;
}

export interface ClientAbortRequest {
  sessionId?: SessionId;
  message?: string;
}

/** One client log record as sent with `logs-send`: free-form, JSON-serialisable. */
export type LogRecord = Record<string, unknown>;

export interface LogsSendRequest {
  logs: LogRecord[];
}
