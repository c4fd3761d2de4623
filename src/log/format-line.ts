/** A log record as it leaves pino: JSON with a `level` label and an ISO `time`. */
export type LogRecord = Record<string, unknown> & { level?: unknown; time?: unknown; msg?: unknown };

/** Fields the line already shows in its fixed columns, or that only matter in the JSON files. */
const FIXED_FIELDS = new Set(['level', 'time', 'msg', 'module', 'pid', 'hostname']);

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local time of day; the file name already carries the date. */
function timeOfDay(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date(NaN);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

function isSerializedError(value: unknown): value is { type?: unknown; message?: unknown } {
  return typeof value === 'object' && value !== null && 'message' in value && 'stack' in value;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  // The stack goes to the JSON files; the console line keeps to one line.
  if (isSerializedError(value))
    return JSON.stringify(`${String(value.type ?? 'Error')}: ${String(value.message)}`);
  return JSON.stringify(value) ?? String(value);
}

/**
One human-readable line: `HH:MM:SS level [module] message key=value ...`, ending in a newline.
The level is padded to five characters so messages line up.
*/
export function formatLine(record: LogRecord): string {
  const parts = [timeOfDay(record.time), String(record.level ?? '?').padEnd(5)];
  if (record.module !== undefined) parts.push(`[${String(record.module)}]`);
  if (record.msg !== undefined && record.msg !== '') parts.push(String(record.msg));
  for (const [key, value] of Object.entries(record)) {
    if (FIXED_FIELDS.has(key) || value === undefined) continue;
    parts.push(`${key}=${formatValue(value)}`);
  }
  return `${parts.join(' ')}\n`;
}

/** `YYYY-MM-DD` in local time, the date part of the log file names. */
export function localDate(time: unknown): string {
  const parsed = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  const date = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}
