import { EssayReadError } from './errors.js';
import { jsonType, showValue } from './show.js';
import type { EssayWarning } from './types.js';

/** State shared by the readers of one essay: where it came from and what was tolerated. */
export class ReadContext {
  readonly warnings: EssayWarning[] = [];

  constructor(
    readonly source: string | undefined,
    /** Copy unknown values: the caller keeps its object (fromObject), or not (fromJSON). */
    readonly copyUnknown: boolean,
  ) {}

  warn(path: string, message: string): void {
    this.warnings.push(
      this.source === undefined ? { path, message } : { source: this.source, path, message },
    );
  }

  fail(path: string, reason: string): never {
    throw new EssayReadError(reason, { source: this.source, path });
  }

  keep(value: unknown): unknown {
    return this.copyUnknown ? structuredClone(value) : value;
  }

  /** `''` when missing; other scalars are converted; anything else becomes `''`. Always warns on change. */
  defaultedString(path: string, value: unknown, warnIfMissing: boolean): string {
    if (typeof value === 'string') return value;
    if (value === undefined) {
      if (warnIfMissing) this.warn(path, 'missing; read as ""');
      return '';
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      this.warn(path, `${showValue(value)} is a ${typeof value}; read as "${String(value)}"`);
      return String(value);
    }
    this.warn(path, `expected a string, got ${jsonType(value)}; read as ""`);
    return '';
  }

  /** Like `defaultedString`, but a missing or unusable value stays undefined. */
  optionalString(path: string, value: unknown): string | undefined {
    if (value === undefined || typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') {
      this.warn(path, `${showValue(value)} is a ${typeof value}; read as "${String(value)}"`);
      return String(value);
    }
    this.warn(path, `expected a string, got ${jsonType(value)}; dropped`);
    return undefined;
  }
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number a numeric string spells (`" 2.5 "` → 2.5), or undefined. */
export function numericString(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}
