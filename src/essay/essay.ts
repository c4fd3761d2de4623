import type { EssayWriteError } from './errors.js';
import { readTextFile, writeEssayFile } from './file.js';
import { parseJsonText } from './json-text.js';
import { Meta } from './meta.js';
import { readEssay, type ReadEssayResult } from './read-essay.js';
import { Selection, type SelectionLike } from './selection.js';
import { SelectionCollection } from './selection-collection.js';
import type { CriteriaData, EssayData, EssayWarning, MetaData } from './types.js';
import { checkForWrite } from './write-rules.js';

/** Metadata for `Essay.fromText`: `id` and `subject` are required, the rest defaults. */
export type MetaInput = Partial<MetaData> & Pick<MetaData, 'id' | 'subject'>;

export interface ReadOptions {
  /** Where the data came from (a file path, `session-file-available`, …); named in warnings and errors. */
  source?: string;
}

export interface SaveOptions {
  /**
  Refuse to write an essay that breaks a write rule (`EssayWriteError`).
  @default true
  */
  strict?: boolean;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
One essay with one markup. Build it with `Essay.fromJSON`, `fromObject`, `fromFile` (lenient:
deviations become `warnings`, only non-essays throw `EssayReadError`) or `fromText`; send or save
it only after `assertWritable()` (strict).
*/
export class Essay {
  readonly meta: Meta;
  readonly text: string;
  readonly selections: SelectionCollection;
  /** Scores per criterion (`K1`, `K2`, …), when the markup has them. */
  criteria: CriteriaData | undefined;
  /** Unknown top-level keys, written back unchanged. */
  readonly extra: Record<string, unknown>;
  /** What lenient reading tolerated, in file order. Empty for essays built from clean data. */
  readonly warnings: readonly EssayWarning[];
  /** Where the essay was read from, when known. */
  readonly source: string | undefined;

  private constructor(read: ReadEssayResult, source: string | undefined) {
    this.meta = new Meta(read.meta);
    this.text = read.text;
    this.selections = new SelectionCollection(read.selections.map((data) => new Selection(data)));
    this.criteria = read.criteria;
    this.extra = read.extra;
    this.warnings = Object.freeze(read.warnings.map((warning) => Object.freeze(warning)));
    this.source = source;
  }

  /** Parses JSON text; syntax errors become `EssayReadError` with line and column. */
  static fromJSON(json: string, options: ReadOptions = {}): Essay {
    let text = json;
    let bom = false;
    if (text.startsWith(BYTE_ORDER_MARK)) {
      text = text.slice(1);
      bom = true;
    }
    const raw = parseJsonText(text, options.source);
    const read = readEssay(raw, { source: options.source, copyUnknown: false });
    if (bom) read.warnings.unshift(bomWarning(options.source));
    return new Essay(read, options.source);
  }

  /** Reads a plain object (e.g. a Socket.IO payload). The object is copied, never kept or changed. */
  static fromObject(value: unknown, options: ReadOptions = {}): Essay {
    if (value instanceof Essay) return value.clone();
    return new Essay(readEssay(value, { source: options.source, copyUnknown: true }), options.source);
  }

  /** Reads a UTF-8 file; `source` is the path. I/O failures throw `EssayFileError`. */
  static async fromFile(path: string): Promise<Essay> {
    return Essay.fromJSON(await readTextFile(path), { source: path });
  }

  /** A new essay with no selections, e.g. for tests or a markup written from scratch. */
  static fromText(text: string, meta: MetaInput | Meta): Essay {
    const metaData = meta instanceof Meta ? meta.toJSON() : meta;
    return Essay.fromObject({ meta: { theme: '', taskText: '', ...metaData }, text, selections: [] });
  }

  /** A deep copy: changing either essay never changes the other. */
  clone(): Essay {
    const parts = readEssayParts(structuredClone(this.toJSON()));
    return new Essay({ ...parts, warnings: [...this.warnings] }, this.source);
  }

  /** Adds a selection; shorthand for `essay.selections.add(selection)`. */
  addSelection(selection: Selection | SelectionLike): Selection {
    return this.selections.add(selection);
  }

  /** Plain data for `JSON.stringify`; unknown values are shared with the essay, not copied. */
  toJSON(): EssayData {
    const out: EssayData = {
      meta: this.meta.toJSON(),
      text: this.text,
      selections: this.selections.toJSON(),
    };
    if (this.criteria !== undefined) out.criteria = { ...this.criteria };
    for (const [key, value] of Object.entries(this.extra)) if (!(key in out)) out[key] = value;
    return out;
  }

  /** The essay as pretty-printed JSON (two-space indent), as files are written. */
  toString(): string {
    return JSON.stringify(this.toJSON(), null, 2);
  }

  /** Every broken write rule, in a stable order; empty when the essay may be sent. */
  checkForWrite(): EssayWriteError[] {
    return checkForWrite(this);
  }

  /** Throws the first broken write rule as an `EssayWriteError`. */
  assertWritable(): void {
    const [first] = this.checkForWrite();
    if (first !== undefined) throw first;
  }

  /** Writes the essay atomically (temp file + flush + rename), checking the write rules first unless `strict: false`. */
  async save(path: string, options: SaveOptions = {}): Promise<void> {
    if (options.strict ?? true) this.assertWritable();
    await writeEssayFile(path, `${this.toString()}\n`);
  }
}

/** Data that came out of `toJSON` is already clean: split it into parts without warnings. */
function readEssayParts(data: EssayData): ReadEssayResult {
  const { meta, text, selections, criteria, ...extra } = data;
  return { meta, text, selections, criteria, extra, warnings: [] };
}

function bomWarning(source: string | undefined): EssayWarning {
  const message = 'starts with a byte order mark; ignored';
  return source === undefined ? { path: '', message } : { source, path: '', message };
}
