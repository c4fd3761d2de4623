import { EssayReadError } from './errors.js';

/**
Parses JSON text, turning a syntax error into an `EssayReadError` with line and column.
V8 puts `at position N` in most messages; for the rest (`Unexpected token 'x', "…" is not
valid JSON`, end of input) the position is found by `findErrorPosition`.
*/
export function parseJsonText(text: string, source: string | undefined): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = errorPosition(error.message, text);
    const { line, column } = lineAndColumn(text, position);
    const reason = `not valid JSON: ${stripSnippet(error.message)}`;
    throw new EssayReadError(reason, { source, path: '', line, column }, { cause: error });
  }
}

function errorPosition(message: string, text: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match?.[1] !== undefined) return Number(match[1]);
  if (message.includes('Unexpected end of JSON input')) return text.length;
  return findErrorPosition(text) ?? 0;
}

/** V8 quotes (a piece of) the whole input after a comma; it is noise next to a line and column. */
function stripSnippet(message: string): string {
  return message
    .replace(/^(Unexpected token .*?), .*is not valid JSON$/s, '$1')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')
    .replace(/ at position \d+( \(line \d+ column \d+\))?$/, '');
}

/** 1-based line and column (in UTF-16 code units) of an offset; `\r\n` counts as one line end. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters are exactly what JSON forbids inside strings, so the pattern must name them.
// eslint-disable-next-line no-control-regex
const STRING_CHARS = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/**
Offset of the first character a strict JSON reader cannot accept, or undefined when the text
is valid. Only used for error reporting, so it favours brevity over speed. Iterative, with the
open containers on a stack: recursion would overflow on deeply nested input (`[[[[…x`).
*/
export function findErrorPosition(text: string): number | undefined {
  let i = 0;
  /** The closing character of each open container, innermost last. */
  const open: ('}' | ']')[] = [];
  const skip = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const expect = (char: string): void => {
    skip();
    if (text[i] !== char) fail();
    i++;
  };
  const key = (): void => {
    skip();
    string();
    expect(':');
  };
  /** Reads a scalar, or opens a container; true when a complete value was read. */
  const valueStart = (): boolean => {
    skip();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      skip();
      if (text[i] === close) {
        i++;
        return true;
      }
      open.push(close);
      if (close === '}') key();
      return false;
    }
    if (char === '"') string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) number();
    else literal(char);
    return true;
  };
  const literal = (char: string | undefined): void => {
    for (const word of ['true', 'false', 'null']) {
      if (char === word[0]) {
        for (const expected of word) {
          if (text[i] !== expected) fail();
          i++;
        }
        return;
      }
    }
    fail();
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    STRING_CHARS.lastIndex = i;
    i += STRING_CHARS.exec(text)?.[0].length ?? 0;
    if (text[i] !== '"') fail();
    i++;
  };
  const number = (): void => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null) fail();
    else i += match[0].length;
  };
  try {
    for (;;) {
      if (!valueStart()) continue;
      // A value is complete: close every container that ends here, then expect the next member.
      for (;;) {
        const close = open.at(-1);
        skip();
        if (close === undefined) return i < text.length ? i : undefined;
        if (text[i] !== close) break;
        i++;
        open.pop();
      }
      expect(',');
      if (open.at(-1) === '}') key();
    }
  } catch (position) {
    if (typeof position === 'number') return position;
    throw position;
  }
}
