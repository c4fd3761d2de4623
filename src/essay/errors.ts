import { ToolkitError } from '../errors.js';
import { describeFsCause } from '../fs/index.js';
import { showPath, showValue } from './show.js';

/**
The input cannot be an essay: not JSON, or `text`, `meta`, `meta.id`, `meta.subject` missing or of
the wrong type. The message reads `file:line:column: reason` for JSON syntax errors and
`file: path: reason` otherwise, so editors and terminals can jump to the spot.
*/
export class EssayReadError extends ToolkitError {
  override name = 'EssayReadError' as const;
  /** The file (or other origin) being read, when known. */
  readonly source: string | undefined;
  /** JSON path of the offending value; `''` is the document root. */
  readonly path: string;
  /** 1-based line of a JSON syntax error. */
  readonly line: number | undefined;
  /** 1-based column (UTF-16 code units) of a JSON syntax error. */
  readonly column: number | undefined;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(
    reason: string,
    where: { source?: string; path?: string; line?: number; column?: number },
    options?: { cause?: unknown },
  ) {
    const path = where.path ?? '';
    const origin = where.source ?? '<essay>';
    const location =
      where.line !== undefined
        ? `${origin}:${where.line}:${where.column ?? 1}`
        : `${origin}: ${showPath(path)}`;
    super(`${location}: ${reason}`, options);
    this.source = where.source;
    this.path = path;
    this.line = where.line;
    this.column = where.column;
    this.reason = reason;
  }
}

/**
An essay breaks a strict write rule. The message names the essay id, the JSON path (with the
selection index) and the value: `essay 0000078: selections[2].endSelection = 5000 is past the end
of the text (length 1234)`.
*/
export class EssayWriteError extends ToolkitError {
  override name = 'EssayWriteError' as const;
  readonly essayId: string;
  /** Index in `essay.selections`, or undefined when the problem is outside the selections. */
  readonly selectionIndex: number | undefined;
  /** The offending field, e.g. `endSelection` or `subject`. */
  readonly field: string;
  /** Full JSON path, e.g. `selections[2].endSelection` or `meta.subject`. */
  readonly path: string;
  readonly value: unknown;
  readonly reason: string;

  constructor(
    reason: string,
    where: { essayId: string; path: string; field: string; value: unknown; selectionIndex?: number },
  ) {
    const id = where.essayId === '' ? '(no id)' : where.essayId;
    super(`essay ${id}: ${where.path} = ${showValue(where.value)} ${reason}`);
    this.essayId = where.essayId;
    this.selectionIndex = where.selectionIndex;
    this.field = where.field;
    this.path = where.path;
    this.value = where.value;
    this.reason = reason;
  }
}

/** A selection was built with a field of the wrong type (programmer error in a markup). */
export class SelectionError extends ToolkitError {
  override name = 'SelectionError' as const;

  constructor(
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`selection.${field} must be ${expected}, got ${showValue(value)}`);
  }
}

/** Reading or writing an essay file failed at the file-system level. */
export class EssayFileError extends ToolkitError {
  override name = 'EssayFileError' as const;
  /** Node's error code (`ENOSPC`, `EACCES`, …) when there is one. */
  readonly code: string | undefined;

  constructor(
    readonly operation: 'read' | 'write',
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot ${operation} ${path}: ${describeFsCause(cause)}`, { cause });
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
