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
  LogRecord,
  LogsSendRequest,
  MessagePayload,
  SessionId,
  SessionIdPayload,
} from './payloads.js';

/** Validators never throw: they return the value or a message naming the bad field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

const FILE_ID = /^\d{1,64}$/;

/** File ids reach shells and file names: digits only, as the platform has always sent. */
export function isFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

/**
A file id from the platform: digits as always, or a whole number the platform sent as a JSON number
(`123` becomes `"123"`). Anything else — a fraction, a negative or unsafe number, an object — is refused.
*/
function serverFileId(p: Record<string, unknown>, event: string): Parsed<string> {
  const v = p.fileId;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return ok(String(Math.abs(v)));
  return field(p, event, 'fileId', isFileId, 'a string of digits or a whole number');
}

export function isSessionId(value: unknown): value is SessionId {
  return (
    (typeof value === 'string' && value.length > 0 && value.length <= 128) ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function record(payload: unknown, event: string): Parsed<Record<string, unknown>> {
  return isRecord(payload)
    ? ok(payload)
    : fail(`${event}: payload must be an object (got ${describe(payload)})`);
}

function field<T>(
  p: Record<string, unknown>,
  event: string,
  name: string,
  check: (v: unknown) => v is T,
  what: string,
): Parsed<T> {
  const v = p[name];
  return check(v) ? ok(v) : fail(`${event}: ${name} must be ${what} (got ${describe(v)})`);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isContent = (v: unknown): v is Record<string, unknown> | string => typeof v === 'string' || isRecord(v);

function messagePayload(event: string) {
  return (payload: unknown): Parsed<MessagePayload> => {
    const p = record(payload, event);
    if (!p.ok) return p;
    // A missing message is tolerated: the event itself carries the meaning.
    const message = p.value.message;
    return ok({
      ...p.value,
      message: typeof message === 'string' ? message : message === undefined ? '' : String(message),
    });
  };
}

function sessionIdPayload(event: string) {
  return (payload: unknown): Parsed<SessionIdPayload> => {
    const p = record(payload, event);
    if (!p.ok) return p;
    const sid = field(p.value, event, 'sessionId', isSessionId, 'a session id (string or number)');
    return sid.ok ? ok({ ...p.value, sessionId: sid.value }) : sid;
  };
}

function fileResult(event: string) {
  return (payload: unknown): Parsed<FileSendResult> => {
    const p = record(payload, event);
    if (!p.ok) return p;
    const fid = serverFileId(p.value, event);
    if (!fid.ok) return fid;
    const message = p.value.message;
    return ok({
      ...p.value,
      sessionId: p.value.sessionId as SessionId,
      fileId: fid.value,
      ...(typeof message === 'string' ? { message } : {}),
    });
  };
}

/** A pushed file: digit `fileId` and essay `content`, the other fields kept as they came. */
function fileWithContent(
  payload: unknown,
  event: string,
): Parsed<Record<string, unknown> & { fileId: string; content: Record<string, unknown> | string }> {
  const p = record(payload, event);
  if (!p.ok) return p;
  const fid = serverFileId(p.value, event);
  if (!fid.ok) return fid;
  const content = field(p.value, event, 'content', isContent, 'an essay object or JSON string');
  if (!content.ok) return content;
  return ok({ ...p.value, fileId: fid.value, content: content.value });
}

/** What a client checks in each server event before acting on it. */
export const parseServer = {
  connectionAuthError: messagePayload('connection-auth-error'),
  autoReconnectError: messagePayload('session-auto-reconnect-error'),
  startSuccess: sessionIdPayload('session-start-success'),
  startError: messagePayload('session-start-error'),
  fileAvailable(payload: unknown): Parsed<FileAvailablePayload> {
    const f = fileWithContent(payload, 'session-file-available');
    if (!f.ok) return f;
    // A bad session id must not cost the essay: the client falls back to the id it knows.
    const sessionId = f.value.sessionId;
    return ok({ ...f.value, sessionId: isSessionId(sessionId) ? sessionId : undefined });
  },
  fileSendSuccess: fileResult('session-file-send-success'),
  fileSendError: fileResult('session-file-send-error'),
  fileRepeatSuccess(payload: unknown): Parsed<FileRepeatSuccess> {
    const f = fileWithContent(payload, 'session-file-repeat-success');
    return f.ok ? ok({ ...f.value, missed: f.value.missed === true }) : f;
  },
  fileRepeatError(payload: unknown): Parsed<FileRepeatError> {
    const m = messagePayload('session-file-repeat-error')(payload);
    return m.ok ? ok({ ...m.value, missed: (m.value as { missed?: unknown }).missed === true }) : m;
  },
  reconnectSuccess: sessionIdPayload('session-reconnect-success'),
  reconnectError: messagePayload('session-reconnect-error'),
  close(payload: unknown): Parsed<ClosePayload> {
    const p = record(payload, 'session-close');
    if (!p.ok) return p;
    const type = p.value.type === 'timeout-close' ? 'timeout-close' : 'finish';
    return ok({ ...p.value, sessionId: p.value.sessionId as SessionId, type });
  },
  abort(payload: unknown): Parsed<AbortPayload> {
    const p = record(payload ?? {}, 'session-abort');
    if (!p.ok) return p;
    const message = p.value.message;
    return ok({
      ...p.value,
      sessionId: p.value.sessionId as SessionId,
      ...(typeof message === 'string' ? { message } : {}),
    });
  },
  clientAbortSuccess: messagePayload('session-client-abort-success'),
  clientAbortError: messagePayload('session-client-abort-error'),
  logsSendSuccess: messagePayload('logs-send-success'),
  logsSendError: messagePayload('logs-send-error'),
} as const;

/** What the platform checks in each client event. `session-start` is `checkStartRequest`. */
export const parseClient = {
  fileSend(payload: unknown): Parsed<FileSendRequest> {
    const event = 'session-file-send';
    const p = record(payload, event);
    if (!p.ok) return p;
    const sid = p.value.sessionId;
    if (sid !== undefined && sid !== false && sid !== null && !isSessionId(sid)) {
      return fail(`${event}: sessionId must be a session id, false or absent (got ${describe(sid)})`);
    }
    const fid = field(p.value, event, 'fileId', isFileId, 'a string of digits');
    if (!fid.ok) return fid;
    const content = field(p.value, event, 'content', isContent, 'the essay as a JSON string or an object');
    if (!content.ok) return content;
    return ok({
      sessionId: sid === null || sid === undefined ? false : sid,
      fileId: fid.value,
      content: content.value,
    });
  },
  fileRepeat(payload: unknown): Parsed<FileRepeatRequest> {
    if (payload === undefined || payload === null) return ok({});
    const p = record(payload, 'session-file-repeat');
    if (!p.ok) return p;
    const last = p.value.lastFileId;
    // Placeholders ("none", "") are legal: they mean "I hold no file yet".
    return ok(typeof last === 'string' || typeof last === 'number' ? { lastFileId: String(last) } : {});
  },
  clientAbort(payload: unknown): Parsed<ClientAbortRequest> {
    if (payload === undefined || payload === null) return ok({});
    const p = record(payload, 'session-client-abort');
    if (!p.ok) return p;
    const out: ClientAbortRequest = {};
    if (isSessionId(p.value.sessionId)) out.sessionId = p.value.sessionId;
    if (isString(p.value.message)) out.message = p.value.message;
    return ok(out);
  },
  logsSend(payload: unknown): Parsed<LogsSendRequest> {
    const logs = Array.isArray(payload) ? payload : isRecord(payload) ? payload.logs : undefined;
    if (!Array.isArray(logs)) return fail('logs-send: payload must be {logs: [...]} or an array of records');
    const records: LogRecord[] = logs.map((r) => (isRecord(r) ? r : { value: r }));
    return ok({ logs: records });
  },
} as const;

/**
Decodes the essay carried in `content`: an object as is, a string parsed as JSON.
The result is only "JSON that is an object"; whether it is an essay is the essay module's call.
*/
export function decodeWireEssay(content: unknown): Parsed<Record<string, unknown>> {
  if (isRecord(content)) return ok(content);
  if (typeof content !== 'string')
    return fail(`content must be an essay object or JSON string (got ${describe(content)})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return fail(`content is not valid JSON: ${(error as Error).message}`);
  }
  return isRecord(parsed) ? ok(parsed) : fail(`content must encode a JSON object (got ${describe(parsed)})`);
}
