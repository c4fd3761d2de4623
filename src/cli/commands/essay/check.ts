import {
  Essay,
  EssayFileError,
  EssayReadError,
  type EssayWarning,
  type EssayWriteError,
} from '../../../essay/index.js';

/** Anything with `write(text)`: `process.stdout`, or a collecting stub in tests. */
export interface Writer {
  write(text: string): unknown;
}

export interface EssayCheckOptions {
  /** Print only `{files, ok}` as JSON on stdout. */
  json?: boolean;
  stdout: Writer;
  stderr: Writer;
}

/** One problem; `message` never repeats the file or the path. */
export interface CheckEntry {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface FileCheck {
  file: string;
  ok: boolean;
  warnings: CheckEntry[];
  errors: CheckEntry[];
}

export interface CheckResult {
  files: FileCheck[];
  ok: boolean;
}

/**
`readable essay check FILE...`: reads each file leniently (warnings) and applies the strict write
rules (errors), as a participant would before sending. Returns the exit code: 0 when every file
is a valid essay, 1 otherwise. Per-file lines go to stdout, the tally to stderr.
*/
export async function runEssayCheck(files: string[], options: EssayCheckOptions): Promise<number> {
  const result: CheckResult = { files: [], ok: true };
  for (const file of files) {
    const [check, lines] = await checkFile(file);
    result.files.push(check);
    result.ok &&= check.ok;
    if (!options.json) options.stdout.write(lines.map((line) => `${line}\n`).join(''));
  }
  if (options.json) {
    options.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const bad = result.files.filter((check) => !check.ok).length;
    const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
    options.stderr.write(`${count} checked: ${files.length - bad} ok, ${bad} not valid\n`);
  }
  return result.ok ? 0 : 1;
}

async function checkFile(file: string): Promise<[FileCheck, string[]]> {
  const check: FileCheck = { file, ok: false, warnings: [], errors: [] };
  const lines: string[] = [];
  let essay: Essay;
  try {
    essay = await Essay.fromFile(file);
  } catch (error) {
    if (error instanceof EssayReadError) {
      check.errors.push(readErrorEntry(error));
      const where = error.line === undefined ? file : `${file}:${error.line}:${error.column ?? 1}`;
      lines.push(
        `${where}: error: ${error.line === undefined ? `${showPath(error.path)}: ` : ''}${error.reason}`,
      );
    } else if (error instanceof EssayFileError) {
      check.errors.push({ path: '', message: error.message });
      lines.push(`${file}: error: ${error.message}`);
    } else {
      throw error;
    }
    lines.push(`${file}: not a valid essay`);
    return [check, lines];
  }

  for (const warning of essay.warnings) {
    check.warnings.push(warningEntry(warning));
    lines.push(`${file}: warning: ${showPath(warning.path)}: ${warning.message}`);
  }
  for (const error of essay.checkForWrite()) {
    check.errors.push(writeErrorEntry(error));
    lines.push(`${file}: error: ${error.message}`);
  }
  check.ok = check.errors.length === 0;
  lines.push(`${file}: ${verdict(check)}`);
  return [check, lines];
}

function showPath(path: string): string {
  return path === '' ? '(root)' : path;
}

function verdict(check: FileCheck): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (check.ok)
    return check.warnings.length === 0 ? 'ok' : `ok (${plural(check.warnings.length, 'warning')})`;
  return `not a valid essay (${plural(check.errors.length, 'error')}, ${plural(check.warnings.length, 'warning')})`;
}

function warningEntry(warning: EssayWarning): CheckEntry {
  return { path: warning.path, message: warning.message };
}

function readErrorEntry(error: EssayReadError): CheckEntry {
  const entry: CheckEntry = { path: error.path, message: error.reason };
  if (error.line !== undefined) entry.line = error.line;
  if (error.column !== undefined) entry.column = error.column;
  return entry;
}

function writeErrorEntry(error: EssayWriteError): CheckEntry {
  // The message is "essay ID: PATH = VALUE REASON"; keep "VALUE REASON" so no field repeats.
  return { path: error.path, message: error.message.slice(error.message.indexOf(' = ') + 3) };
}
