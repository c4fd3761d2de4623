import { secretForms } from '../config/index.js';

/** JSON string escaping of `text`, without the quotes: how `text` reads inside a JSON string. */
const escapeJson = (text: string): string => JSON.stringify(text).slice(1, -1);

/**
Masks secrets in a serialised JSON log line by plain string replacement, without parsing it. A
secret inside a JSON string reads escaped (`"` as `\"`, `\` as `\\`); inside a JSON string that is
itself inside a string (a message formatted with `%o`, a payload logged as text) it reads escaped
twice, and so on. Every spelling of every secret (as is, URL-encoded) is looked for escaped one to
three times,
and replaced by its mask escaped the same way, so the line stays valid JSON (a secret as it is,
unescaped, cannot be inside a JSON string unless escaping leaves it unchanged). Longest forms first, so a
secret that contains another is replaced whole. Returns `undefined` when there is nothing to mask.
*/
export function jsonLineMasker(secrets: readonly string[]): ((line: string) => string) | undefined {
  const pairs = new Map<string, string>();
  for (const [form, mask] of secretForms(secrets)) {
    let f = form;
    let m = mask;
    for (let depth = 1; depth <= 3; depth++) {
      f = escapeJson(f);
      m = escapeJson(m);
      if (!pairs.has(f)) pairs.set(f, m);
    }
  }
  if (pairs.size === 0) return undefined;
  const ordered = [...pairs].sort((a, b) => b[0].length - a[0].length);
  return (line) => {
    let out = line;
    for (const [form, mask] of ordered) if (out.includes(form)) out = out.split(form).join(mask);
    return out;
  };
}
