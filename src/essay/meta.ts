import type { MetaData } from './types.js';

/** Output order of the known keys; unknown keys follow in the order they were read. */
const KEY_ORDER = [
  'id',
  'uuid',
  'markupUuid',
  'subject',
  'class',
  'year',
  'test',
  'category',
  'theme',
  'taskText',
  'expert',
  'third',
  'name',
] as const;
const KNOWN = new Set<string>(KEY_ORDER);

/**
The essay's metadata. Known fields are typed properties (the school grade is `meta.class`, as
in the JSON); every other key lives in `extra` and is written back unchanged.
*/
export class Meta {
  id: string;
  subject: string;
  uuid?: string;
  theme: string;
  taskText: string;
  class?: string;
  year?: number;
  test?: string;
  category?: string;
  name?: string;
  expert?: string;
  third?: boolean;
  markupUuid?: string;
  /** Unknown keys (`topic`, `timeMarkup`, `grade`, …), kept as read. */
  extra: Record<string, unknown> = {};

  /** Takes already-read data as is; use `Essay.fromObject` to read untrusted input. */
  constructor(data: MetaData) {
    this.id = data.id;
    this.subject = data.subject;
    this.theme = data.theme ?? '';
    this.taskText = data.taskText ?? '';
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      if (KNOWN.has(key)) (this as Record<string, unknown>)[key] = value;
      else this.extra[key] = value;
    }
  }

  /** A non-empty `expert` marks an expert's markup. */
  get isExpert(): boolean {
    return (this.expert ?? '') !== '';
  }

  toJSON(): MetaData {
    const out: Record<string, unknown> = {};
    for (const key of KEY_ORDER) {
      const value = this[key];
      if (value !== undefined) out[key] = value;
    }
    for (const [key, value] of Object.entries(this.extra)) if (!KNOWN.has(key)) out[key] = value;
    return out as MetaData;
  }
}
