/**
JSON text for any depth. `JSON.stringify` recurses: past some thousands of levels it throws a
RangeError, and a pushed essay nested 100 000 deep was once saved as `[object Object]` — lost.
This walks with its own stack and writes what `JSON.stringify(value)` would for plain JSON data
(objects, arrays, strings, finite numbers, booleans, null; `undefined`, functions and symbols
skipped in objects and `null` in arrays; non-finite numbers `null`; `toJSON` honoured).
Lone surrogates come out escaped (`\udc00`), as `JSON.stringify` does, so they survive a UTF-8 file.
*/
export function stringifyDeep(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return walk(value);
}

type Frame =
  | { kind: 'array'; items: readonly unknown[]; i: number }
  | { kind: 'object'; entries: [string, unknown][]; i: number; wrote: boolean };

function leaf(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      // As JSON.stringify does.
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined;
  }
}

function prepare(value: unknown, key: string): unknown {
  const withToJson = value as { toJSON?: (key: string) => unknown } | null;
  if (withToJson !== null && typeof withToJson === 'object' && typeof withToJson.toJSON === 'function')
    return withToJson.toJSON(key);
  return value;
}

/** The walk itself, without trying `JSON.stringify` first (exported for the tests). */
export function walk(root: unknown): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  const seen = new Set<object>();
  // Writes one value: a leaf at once, a container by pushing a frame. false = nothing to write.
  const open = (raw: unknown, key: string): boolean => {
    const value = prepare(raw, key);
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) throw new TypeError('Converting circular structure to JSON');
      seen.add(value);
      if (Array.isArray(value)) {
        out.push('[');
        stack.push({ kind: 'array', items: value, i: 0 });
      } else {
        out.push('{');
        stack.push({ kind: 'object', entries: Object.entries(value), i: 0, wrote: false });
      }
      return true;
    }
    const text = leaf(value);
    if (text === undefined) return false;
    out.push(text);
    return true;
  };
  if (!open(root, '')) return undefined;
  const containers: object[] = [];
  if (stack.length > 0) containers.push(prepare(root, '') as object);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.kind === 'array') {
      if (top.i >= top.items.length) {
        out.push(']');
        stack.pop();
        seen.delete(containers.pop()!);
        continue;
      }
      const index = top.i++;
      if (index > 0) out.push(',');
      const depth = stack.length;
      const item = top.items[index];
      if (!open(item, String(index))) out.push('null');
      else if (stack.length > depth) containers.push(prepare(item, String(index)) as object);
    } else {
      if (top.i >= top.entries.length) {
        out.push('}');
        stack.pop();
        seen.delete(containers.pop()!);
        continue;
      }
      const [key, raw] = top.entries[top.i++]!;
      const value = prepare(raw, key);
      if (leaf(value) === undefined && (value === null || typeof value !== 'object')) continue;
      out.push(`${top.wrote ? ',' : ''}${JSON.stringify(key)}:`);
      top.wrote = true;
      const depth = stack.length;
      open(value, key);
      if (stack.length > depth) containers.push(value as object);
    }
  }
  return out.join('');
}

/**
Escapes lone surrogates in JSON text as `\uXXXX`. Written to a UTF-8 file as they are, they become
U+FFFD and the text read back differs from the text pushed; escaped, `JSON.parse` restores them.
Outside strings JSON has no room for them, so the result is the same JSON value.
*/
export function escapeLoneSurrogates(json: string): string {
  return json.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16)}`,
  );
}
