// Numeric flags are parsed once, by commander, with the parsers of src/cli/number-options.ts: a bad
// value is a usage error naming the flag and the value, before any command starts its work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommanderError, InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import {
  integerBetween,
  nonNegativeNumber,
  port,
  positiveInteger,
  positiveNumber,
} from '../../src/cli/number-options.js';
import { cli } from '../support/cli.js';

function refuses(parse: (raw: string) => number, raw: string, expected: RegExp): void {
  assert.throws(
    () => parse(raw),
    (error: unknown) => error instanceof InvalidArgumentError && expected.test(error.message),
    `${JSON.stringify(raw)} should be refused`,
  );
}

test('positiveInteger takes 1, 2, 3 … and refuses zero, negatives, fractions, words and other spellings', () => {
  assert.equal(positiveInteger('1'), 1);
  assert.equal(positiveInteger(' 42 '), 42);
  assert.equal(positiveInteger('+7'), 7);
  for (const raw of ['0', '-1', '1.5', 'abc', '', ' ', '1e3', '0x10', 'Infinity', '9007199254740993', '3abc'])
    refuses(positiveInteger, raw, /^Expected a positive integer\.$/);
});

test('positiveNumber takes any number above 0; nonNegativeNumber takes 0 too', () => {
  assert.equal(positiveNumber('0.01'), 0.01);
  assert.equal(positiveNumber('.5'), 0.5);
  assert.equal(positiveNumber('60'), 60);
  for (const raw of ['0', '-1', '-0.5', 'abc', '', 'NaN', 'Infinity', '1e-3', '1,5'])
    refuses(positiveNumber, raw, /^Expected a number above 0\.$/);
  assert.equal(nonNegativeNumber('0'), 0);
  assert.equal(nonNegativeNumber('2.5'), 2.5);
  for (const raw of ['-1', 'x', '']) refuses(nonNegativeNumber, raw, /^Expected a number, 0 or more\.$/);
});

test('port takes 0 to 65535; integerBetween names its range', () => {
  assert.equal(port('0'), 0);
  assert.equal(port('65535'), 65535);
  for (const raw of ['65536', '-1', 'abc', '80.5', ''])
    refuses(port, raw, /^Expected an integer from 0 to 65535\.$/);
  const count = integerBetween(10, 1000);
  assert.equal(count('10'), 10);
  assert.equal(count('1000'), 1000);
  for (const raw of ['9', '1001', '10.5', 'ten'])
    refuses(count, raw, /^Expected an integer from 10 to 1000\.$/);
});

/** Parses `args` with the whole program in this process; every command is replaced by a recorder. */
async function parse(args: string[]): Promise<{ error?: CommanderError; stderr: string; opts?: unknown }> {
  const program = buildProgram();
  let stderr = '';
  let opts: unknown;
  const walk = (command: Command): void => {
    command.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
    // Nothing runs: the test is about what commander hands to the command.
    command.action(() => void (opts = command.opts()));
    command.commands.forEach(walk);
  };
  walk(program);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { stderr, opts };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { error, stderr };
  }
}

const BAD: Array<[string[], string]> = [
  [
    ['platform', 'serve', '--port', 'abc'],
    "option '--port <n>' argument 'abc' is invalid. Expected an integer from 0 to 65535.",
  ],
  [
    ['platform', 'serve', '--port', '70000'],
    "option '--port <n>' argument '70000' is invalid. Expected an integer from 0 to 65535.",
  ],
  [
    ['platform', 'serve', '--time-scale', '0'],
    "option '--time-scale <x>' argument '0' is invalid. Expected a number above 0.",
  ],
  [
    ['platform', 'serve', '--timeout-close', '-5'],
    "option '--timeout-close <sec>' argument '-5' is invalid. Expected a number above 0.",
  ],
  [
    ['platform', 'serve', '--push-interval', '-1'],
    "option '--push-interval <sec>' argument '-1' is invalid. Expected a number, 0 or more.",
  ],
  [
    ['platform', 'serve', '--final-time', ''],
    "option '--final-time <sec>' argument '' is invalid. Expected a number above 0.",
  ],
  [
    ['platform', 'serve', '--reconnect-window', '1h'],
    "option '--reconnect-window <sec>' argument '1h' is invalid. Expected a number above 0.",
  ],
  [['eval', '--jobs', '0'], "option '--jobs <n>' argument '0' is invalid. Expected a positive integer."],
  [
    ['eval', '--limit', '2.5'],
    "option '--limit <n>' argument '2.5' is invalid. Expected a positive integer.",
  ],
  [
    ['eval', '--deadline', '-1'],
    "option '--deadline <sec>' argument '-1' is invalid. Expected a number above 0.",
  ],
  [
    ['eval', '--workers', 'many'],
    "option '--workers <n>' argument 'many' is invalid. Expected a positive integer.",
  ],
  [
    ['session', 'start', '--count', '9'],
    "option '--count <n>' argument '9' is invalid. Expected an integer from 10 to 1000.",
  ],
  [
    ['session', 'start', '--time', '61'],
    "option '--time <sec>' argument '61' is invalid. Expected an integer from 10 to 60.",
  ],
  [
    ['session', 'start', '--concurrency', '0'],
    "option '--concurrency <n>' argument '0' is invalid. Expected a positive integer.",
  ],
  [
    ['session', 'start', '--time-scale', 'fast'],
    "option '--time-scale <x>' argument 'fast' is invalid. Expected a number above 0.",
  ],
  [
    ['session', 'reconnect', '--worker-inflight', '0'],
    "option '--worker-inflight <k>' argument '0' is invalid. Expected a positive integer.",
  ],
  [
    ['session', 'repeat', '--url-inflight', '-2'],
    "option '--url-inflight <k>' argument '-2' is invalid. Expected a positive integer.",
  ],
  [
    ['essay', 'mark', 'x.json', '--worker-start-timeout', '0'],
    "option '--worker-start-timeout <sec>' argument '0' is invalid. Expected a number above 0.",
  ],
  [
    ['view', '--port', 'x'],
    "option '--port <port>' argument 'x' is invalid. Expected an integer from 0 to 65535.",
  ],
];

for (const [args, message] of BAD)
  test(`readable ${args.join(' ')}: a usage error naming the flag and the value`, async () => {
    const { error, stderr } = await parse(args);
    assert.ok(error, 'the command line was accepted');
    assert.equal(error.code, 'commander.invalidArgument');
    assert.equal(stderr.split('\n')[0], `error: ${message}`);
  });

test('commands get numbers: the parsed values, and the defaults as numbers', async () => {
  const serve = await parse([
    'platform',
    'serve',
    '--port',
    '0',
    '--time-scale',
    '0.01',
    '--push-interval',
    '0',
  ]);
  assert.equal(serve.error, undefined, serve.stderr);
  assert.deepEqual(
    Object.fromEntries(
      Object.entries(serve.opts as Record<string, unknown>).filter(([, v]) => typeof v === 'number'),
    ),
    { port: 0, timeScale: 0.01, pushInterval: 0, finalTime: 60, timeoutClose: 300, reconnectWindow: 900 },
  );
  const start = await parse([
    'session',
    'start',
    '--count',
    '20',
    '--time',
    '10',
    '--concurrency',
    '3',
    '--workers',
    '2',
  ]);
  assert.equal(start.error, undefined, start.stderr);
  assert.deepEqual(
    { ...(start.opts as Record<string, unknown>) },
    {
      count: 20,
      time: 10,
      concurrency: 3,
      workers: 2,
      onMarkupFailure: 'send-unmarked',
    },
  );
  const evalRun = await parse(['eval', '--jobs', '2', '--deadline', '1.5', '--limit', '3']);
  assert.equal(evalRun.error, undefined, evalRun.stderr);
  const numbers = evalRun.opts as { jobs: number; deadline: number; limit: number };
  assert.deepEqual([numbers.jobs, numbers.deadline, numbers.limit], [2, 1.5, 3]);
});

test('the real process ends with exit code 2 and the message, before the platform starts', async () => {
  const run = await cli(['platform', 'serve', '--port', 'abc']);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /^error: option '--port <n>' argument 'abc' is invalid\. Expected an integer from 0 to 65535\.\n\(run with --help for usage\)/,
  );
});
