/**
Client text (a `lastFileId`, an abort message) goes into log lines. Raw, a newline forges a log
line on the console, a terminal escape rewrites it, and a megabyte id makes a megabyte line.
`logText` escapes every control, format and separator character as `\uXXXX` (`\n`, `\r`, `\t`
as such), lone surrogates too, and caps the length, saying how long the text really was.
*/
export const LOG_TEXT_MAX = 200;

// C0, DEL, C1, bidi and zero-width format marks, line/paragraph separators, BOM, lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function logText(value: unknown, max = LOG_TEXT_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  const head = text.length > max ? text.slice(0, max) : text;
  const safe = head.replace(/\\/g, '\\\\').replace(UNSAFE, escape);
  return text.length > max ? `${safe}… (${text.length} characters)` : safe;
}

/**
What a client is told when the platform's own storage fails: the kind of failure, never the
server's file paths or an engine message (those go to the platform's log only).
*/
export function storageFailure(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the platform is out of disk space';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'the platform may not write to its store';
    case 'EMFILE':
    case 'ENFILE':
      return 'the platform has too many open files';
    default:
      return cause instanceof RangeError
        ? 'the data is nested too deeply to be stored'
        : 'a storage error (details in the platform log)';
  }
}
