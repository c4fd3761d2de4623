/**
Parsers for single environment values. Each returns the value or a problem phrased as the rest of a
sentence that starts with the quoted raw value; the loader adds the variable's name in front. They never
throw, so the loader can collect every problem before reporting.
*/
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (problem: string): Parsed<never> => ({ ok: false, problem });

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const word = raw.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('is not a boolean; use one of 1, 0, true, false, yes, no, on, off');
}

function parseNumber(raw: string): number | undefined {
  // Number('') is 0 and Number('0x10') is 16: only plain decimal notation counts as seconds.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function parseSecondsAtLeastZero(raw: string): Parsed<number> {
  const value = parseNumber(raw);
  return value !== undefined && value >= 0 ? ok(value) : fail('is not a number of seconds >= 0');
}

export function parseSecondsAboveZero(raw: string): Parsed<number> {
  const value = parseNumber(raw);
  return value !== undefined && value > 0 ? ok(value) : fail('is not a number of seconds > 0');
}

export function parsePositiveInteger(raw: string): Parsed<number> {
  const value = /^\+?\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(value) && value > 0
    ? ok(value)
    : fail('is not a positive integer (1, 2, 3, ...)');
}

export const DURABILITY_LEVELS = ['atomic', 'fsync-input', 'fsync-all'] as const;
export type DurabilityLevel = (typeof DURABILITY_LEVELS)[number];

export function parseDurability(raw: string): Parsed<DurabilityLevel> {
  const value = DURABILITY_LEVELS.find((level) => level === raw.toLowerCase());
  return value !== undefined ? ok(value) : fail(`is not one of ${DURABILITY_LEVELS.join(', ')}`);
}

export function parseProtocolVersion(raw: string): Parsed<2> {
  return raw === '2'
    ? ok(2)
    : fail(
        'is not supported; the only supported version is 2 (Socket.IO protocol 2, which the platform speaks)',
      );
}

const HOST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
/** The platform's Socket.IO namespace; the connector adds it, so HOST may carry it or not. */
const NAMESPACE = '/pku';

/** Normalises HOST to `scheme://host[:port]`, accepting (and dropping) a trailing `/pku`. */
export function parseHost(raw: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(
      'is not a URL; expected an http(s) or ws(s) base URL such as https://ds.readable.upgreat.one',
    );
  }
  if (!HOST_SCHEMES.has(url.protocol)) {
    return fail(`uses ${url.protocol} but only http:, https:, ws: and wss: are allowed`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return fail(
      'has a query, fragment or credentials; expected a bare base URL such as http://127.0.0.1:4000',
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase() === NAMESPACE) path = '';
  if (path !== '') {
    return fail(
      `has the path ${path}; expected a base URL without a namespace such as http://127.0.0.1:4000 (a trailing /pku is accepted)`,
    );
  }
  return ok(`${url.protocol}//${url.host}`);
}

export function parseToken(raw: string): Parsed<string> {
  return /\s/.test(raw)
    ? fail('contains whitespace; expected the token from your personal account as one word')
    : ok(raw);
}
