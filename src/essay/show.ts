/** Helpers that render JSON paths and values inside messages the same way everywhere. */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends a key to a JSON path: `meta` + `year` → `meta.year`; odd keys get brackets. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const step = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === '') return step;
  return step.startsWith('[') ? `${base}${step}` : `${base}.${step}`;
}

/** The root of the document has no path; messages call it `(root)`. */
export function showPath(path: string): string {
  return path === '' ? '(root)' : path;
}

const MAX_SHOWN = 60;

/** A short, unambiguous rendering of a value: strings quoted, `NaN`/`undefined` spelled out. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** The JSON type of a value as a reader would name it: `array`, `null`, `object`, … */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
