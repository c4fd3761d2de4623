/**
Plain data shapes of the essay file (see `docs/essay-format.md`). These are what `JSON.parse`
of a well-formed file gives and what `Essay.toJSON()` returns. The index signatures are there
because unknown keys are kept and written back unchanged at every level.
*/

/** The subject codes the organisers' services know. Others are kept, with a warning. */
export const SUBJECTS = ['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SELECTION_GROUPS = ['error', 'meaning'] as const;
export type SelectionGroup = (typeof SELECTION_GROUPS)[number];

/** The string fields of a selection that default to `""`. */
export const SELECTION_TEXT_FIELDS = ['subtype', 'tag', 'comment', 'explanation', 'correction'] as const;
export type SelectionTextField = (typeof SELECTION_TEXT_FIELDS)[number];

/** Every key a selection defines; any other key is the user's and is carried along untouched. */
export const SELECTION_KEYS: ReadonlySet<string> = new Set([
  'id',
  'startSelection',
  'endSelection',
  'type',
  'group',
  ...SELECTION_TEXT_FIELDS,
]);

export interface MetaData {
  /** Essay id, e.g. `"0000078"`; required, non-empty. */
  id: string;
  /** One of `SUBJECTS` in practice; unknown codes are kept. */
  subject: string;
  /** The essay's global id; scoring keys on it. */
  uuid?: string;
  theme: string;
  taskText: string;
  /** School grade. The JSON key really is `class`. */
  class?: string;
  year?: number;
  test?: string;
  category?: string;
  /** The original file name. */
  name?: string;
  /** Non-empty means this markup is an expert's. */
  expert?: string;
  /** The expert saw two earlier markups; missing means false. */
  third?: boolean;
  markupUuid?: string;
  [key: string]: unknown;
}

export interface SelectionData {
  id: number;
  /** UTF-16 offset into `text`, inclusive. */
  startSelection: number;
  /** UTF-16 offset into `text`, exclusive: the fragment is `text.slice(start, end)`. */
  endSelection: number;
  /** The markup code, e.g. `Г.слов`. Codes compare case-insensitively. */
  type: string;
  /** `error` or `meaning` when valid; reading keeps other values (with a warning), writing rejects them. */
  group: string;
  subtype: string;
  tag: string;
  comment: string;
  explanation: string;
  correction: string;
  [key: string]: unknown;
}

export type CriteriaData = Record<string, number>;

export interface EssayData {
  meta: MetaData;
  text: string;
  selections: SelectionData[];
  criteria?: CriteriaData;
  [key: string]: unknown;
}

/** One deviation found while reading leniently. */
export interface EssayWarning {
  /** The file (or other origin) the essay came from, when known. */
  source?: string;
  /** JSON path inside the essay, e.g. `meta.year` or `selections[3].endSelection`. */
  path: string;
  message: string;
}
