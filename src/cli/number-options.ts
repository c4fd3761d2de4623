import { InvalidArgumentError } from 'commander';

/**
Argument parsers for the numeric flags, given to commander (`.option(flags, description, parser)` or
`Option.argParser`): a flag's value is parsed once, where commander reads it, and a bad value is a
usage error (exit code 2) that names the flag and the value, e.g.
`error: option '--port <n>' argument 'abc' is invalid. Expected an integer from 0 to 65535.`
Commands receive numbers.
*/
export type NumberParser = (raw: string) => number;

interface Rule {
  integer: boolean;
  /** Smallest accepted value. */
  min?: number;
  /** `min` itself is refused (for "> 0"). */
  minExclusive?: boolean;
  max?: number;
  /** What the flag expects, for the error: "a positive integer". */
  expected: string;
}

function parser(rule: Rule): NumberParser {
  return (raw: string) => {
    const text = raw.trim();
    // Number() alone would take '', ' ', '0x10', '1e3' and 'Infinity'; a flag takes plain decimals.
    const plain = rule.integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)$/;
    const n = plain.test(text) ? Number(text) : NaN;
    const ok =
      Number.isFinite(n) &&
      (!rule.integer || Number.isSafeInteger(n)) &&
      (rule.min === undefined || (rule.minExclusive ? n > rule.min : n >= rule.min)) &&
      (rule.max === undefined || n <= rule.max);
    if (!ok) throw new InvalidArgumentError(`Expected ${rule.expected}.`);
    return n;
  };
}

/** 1, 2, 3, … */
export const positiveInteger = parser({ integer: true, min: 1, expected: 'a positive integer' });

/** Any number above 0 (a duration in seconds, a time scale). */
export const positiveNumber = parser({
  integer: false,
  min: 0,
  minExclusive: true,
  expected: 'a number above 0',
});

/** 0 or more (an interval that may be zero). */
export const nonNegativeNumber = parser({ integer: false, min: 0, expected: 'a number, 0 or more' });

/** A TCP port; 0 asks the system for a free one. */
export const port = parser({ integer: true, min: 0, max: 65535, expected: 'an integer from 0 to 65535' });

/** An integer in [min, max]. */
export function integerBetween(min: number, max: number): NumberParser {
  return parser({ integer: true, min, max, expected: `an integer from ${min} to ${max}` });
}
