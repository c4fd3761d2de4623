import type { DatasetType, Lang, SessionType, StartRequest } from './payloads.js';

/** Ranges of docs/protocol.md §4; the client checks them before sending and the platform after coercing. */
export const START_LIMITS = {
  countFiles: { min: 10, max: 1000 },
  time: { min: 10, max: 60 },
} as const;

export const SESSION_TYPES: readonly SessionType[] = ['algorithmic', 'technical', 'final'];
export const DATASET_TYPES: readonly DatasetType[] = ['train', 'test'];
export const LANGS: readonly Lang[] = ['rus', 'eng', 'all'];

/** Seconds per file in a technical session (docs/protocol.md §5.2). */
export const TECHNICAL_FILE_TIME_SEC = 60;
/** Default per-file time of an algorithmic session. */
export const DEFAULT_FILE_TIME_SEC = 60;

export type StartCheck = { ok: true; value: StartRequest } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickEnum<T extends string>(raw: unknown, allowed: readonly T[], field: string): T | string {
  if (typeof raw !== 'string')
    return `${field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`;
  const lowered = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a === lowered);
  return hit ?? `${field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`;
}

function pickInt(raw: unknown, range: { min: number; max: number }, field: string): number | string {
  // Clients in the wild send numbers as strings ("3"); coerce only clean integer strings.
  const n = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    return `${field} must be an integer from ${range.min} to ${range.max} (got ${JSON.stringify(raw)})`;
  }
  if (n < range.min || n > range.max) return `${field} must be from ${range.min} to ${range.max} (got ${n})`;
  return n;
}

/**
Coerces and validates a `session-start` payload: numeric strings and any letter case are
accepted, as real clients send them. Shared by the client (before sending) and the platform
(on receipt) so both enforce the same ranges with the same messages.
*/
export function checkStartRequest(raw: unknown): StartCheck {
  if (!isRecord(raw))
    return {
      ok: false,
      message: `session-start payload must be an object (got ${raw === null ? 'null' : typeof raw})`,
    };
  const type = pickEnum(raw.type, SESSION_TYPES, 'type');
  if (!SESSION_TYPES.includes(type as SessionType)) return { ok: false, message: type };
  if (type !== 'algorithmic') return { ok: true, value: { type: type as SessionType } };

  const params = raw.params === undefined ? {} : raw.params;
  if (!isRecord(params)) return { ok: false, message: 'params must be an object' };
  const dsType =
    params.dsType === undefined ? 'train' : pickEnum(params.dsType, DATASET_TYPES, 'params.dsType');
  if (!DATASET_TYPES.includes(dsType as DatasetType)) return { ok: false, message: dsType };
  const lang = params.lang === undefined ? 'all' : pickEnum(params.lang, LANGS, 'params.lang');
  if (!LANGS.includes(lang as Lang)) return { ok: false, message: lang };
  const countFiles = pickInt(params.countFiles, START_LIMITS.countFiles, 'params.countFiles');
  if (typeof countFiles === 'string') return { ok: false, message: countFiles };
  const time =
    params.time === undefined
      ? DEFAULT_FILE_TIME_SEC
      : pickInt(params.time, START_LIMITS.time, 'params.time');
  if (typeof time === 'string') return { ok: false, message: time };
  return {
    ok: true,
    value: {
      type: 'algorithmic',
      params: { dsType: dsType as DatasetType, lang: lang as Lang, countFiles, time },
    },
  };
}
