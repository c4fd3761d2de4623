import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../src/log/index.js';
import { TOKEN, runSessionIn, setup, sink } from './support/env.js';

async function logFile(dir: string, kind: 'info' | 'sessions' | 'debug'): Promise<string> {
  const name = (await readdir(dir)).find((n) => new RegExp(`^${kind}_\\d{4}-\\d{2}-\\d{2}\\.log$`).test(n));
  assert.ok(name, `no ${kind}_{date}.log in ${dir}`);
  return readFile(join(dir, name), 'utf8');
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('a logger with fileLevel keeps info lines in info_{date}.log that the console leaves out', async (t) => {
  const env = await setup(t, { count: 1 });
  const logsDir = join(env.dir, 'logs');
  const console = sink();
  const logger = createLogger({
    logDir: logsDir,
    debug: false,
    console: console.stream,
    level: 'warn',
    fileLevel: 'info',
  });
  logger.info('progress line');
  logger.warn('a warning');
  logger.close();
  assert.doesNotMatch(console.text, /progress line/);
  assert.match(console.text, /a warning/);
  const info = await logFile(logsDir, 'info');
  assert.match(info, /info +progress line/);
  assert.match(info, /warn +a warning/);
});

test('a session run writes the console to info_, session records to sessions_, every message to debug_, never the token', async (t) => {
  const env = await setup(t, { count: 2 });
  const logsDir = join(env.dir, 'logs');
  const result = await runSessionIn(env, { markup: 'demo' }, { DEBUG: 'true' });
  assert.equal(result.exitCode, 0, result.stderr);
  const sessionId = result.summary?.sessionId;
  const [first] = env.ids;

  // info_: the progress lines the console showed, and the summary table.
  const info = await logFile(logsDir, 'info');
  for (const line of [
    `session ${sessionId} started`,
    `file ${first} received`,
    `file ${first} marked`,
    `file ${first} sent`,
    `file ${first} accepted`,
    `Session ${sessionId} ended: finish`,
  ])
    assert.ok(info.includes(line), `info log lacks "${line}":\n${info}`);
  for (const line of result.stdout.split('\n').filter((l) => /^(file|session) /.test(l)))
    assert.ok(info.includes(line), `info log lacks the console line "${line}"`);
  assert.doesNotMatch(info, /debug|session-file-send/, 'no debug records in info_');

  // sessions_: JSON records, each with the session id.
  const records = jsonLines(await logFile(logsDir, 'sessions'));
  assert.ok(records.length > 0);
  for (const record of records) assert.equal(record.sessionId, sessionId, JSON.stringify(record));
  const events = new Set(records.map((r) => r.event));
  for (const event of ['started', 'file-received', 'file-sent', 'file-accepted'])
    assert.ok(events.has(event), event);

  // debug_: every message in and out, with sizes and file ids, essays included.
  const debug = jsonLines(await logFile(logsDir, 'debug'));
  const messages = debug.filter((r) => r.direction === 'in' || r.direction === 'out');
  const find = (direction: string, event: string) =>
    messages.find(
      (r) => r.direction === direction && r.event === event && (r.fileId === undefined || r.fileId === first),
    );
  const pushed = find('in', 'session-file-available');
  assert.ok(pushed, 'the push is logged');
  assert.equal(pushed.fileId, first);
  assert.ok(typeof pushed.bytes === 'number' && pushed.bytes > 100);
  assert.ok(JSON.stringify(pushed.payload).includes('Проблема'), 'the essay itself is in the debug log');
  const sent = find('out', 'session-file-send');
  assert.ok(sent && typeof sent.contentBytes === 'number' && sent.contentBytes > 100);
  for (const event of [
    'session-start',
    'session-start-success',
    'session-file-send-success',
    'session-close',
    'logs-send',
  ])
    assert.ok(
      messages.some((r) => r.event === event),
      `${event} missing from the debug log`,
    );

  for (const kind of ['info', 'sessions', 'debug'] as const)
    assert.ok(!(await logFile(logsDir, kind)).includes(TOKEN), `the token is in ${kind}_`);
  assert.ok(!(await readFile(join(result.summary?.dir ?? '', 'client-log.jsonl'), 'utf8')).includes(TOKEN));
});
