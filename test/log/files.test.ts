import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../src/log/index.js';
import { ConsoleCollector, jsonLines, readLogFiles, withTempDir } from './support.js';

function logSomeSession(logger: ReturnType<typeof createLogger>): void {
  const log = logger.child({ module: 'session' });
  log.debug({ event: 'connect' }, 'connecting');
  log.info('connected');
  const session = log.child({ sessionId: 17 });
  session.debug({ fileId: '000105', bytes: 2048 }, 'file payload');
  session.info({ fileId: '000105' }, 'file received');
  session.warn({ fileId: '000105' }, 'late answer');
  log.error('disconnected');
}

test('the info file holds exactly what the console shows, from info up', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: true, console });
    logSomeSession(logger);
    logger.close();
    const files = await readLogFiles(dir);
    assert.equal(files.info, console.text);
    const lines = console.text.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^\d\d:\d\d:\d\d info {2}\[session\] connected$/);
    assert.match(
      lines[1] ?? '',
      /^\d\d:\d\d:\d\d info {2}\[session\] file received sessionId=17 fileId=000105$/,
    );
    assert.match(
      lines[2] ?? '',
      /^\d\d:\d\d:\d\d warn {2}\[session\] late answer sessionId=17 fileId=000105$/,
    );
    assert.match(lines[3] ?? '', /^\d\d:\d\d:\d\d error \[session\] disconnected$/);
  });
});

test('the sessions file holds only the records bound to a sessionId, as JSON lines', async () => {
  await withTempDir(async (dir) => {
    const logger = createLogger({ logDir: dir, debug: false, console: false });
    logSomeSession(logger);
    logger.close();
    const records = jsonLines((await readLogFiles(dir)).sessions);
    assert.deepEqual(
      records.map((r) => [r.level, r.sessionId, r.module, r.fileId, r.msg]),
      [
        ['info', 17, 'session', '000105', 'file received'],
        ['warn', 17, 'session', '000105', 'late answer'],
      ],
    );
    for (const record of records) assert.equal(typeof record.time, 'string');
  });
});

test('in debug mode the sessions file also gets the session debug records', async () => {
  await withTempDir(async (dir) => {
    const logger = createLogger({ logDir: dir, debug: true, console: false });
    logSomeSession(logger);
    logger.close();
    const records = jsonLines((await readLogFiles(dir)).sessions);
    assert.deepEqual(
      records.map((r) => r.msg),
      ['file payload', 'file received', 'late answer'],
    );
  });
});

test('the debug file holds every record from debug up, as JSON, when debug is on', async () => {
  await withTempDir(async (dir) => {
    const logger = createLogger({ logDir: dir, debug: true, console: false });
    logSomeSession(logger);
    logger.trace('too fine even for debug');
    logger.close();
    const records = jsonLines((await readLogFiles(dir)).debug);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg]),
      [
        ['debug', 'connecting'],
        ['info', 'connected'],
        ['debug', 'file payload'],
        ['info', 'file received'],
        ['warn', 'late answer'],
        ['error', 'disconnected'],
      ],
    );
    assert.equal(records[2]?.bytes, 2048);
  });
});

test('without debug there is no debug file and debug records go nowhere', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: false, console });
    logSomeSession(logger);
    logger.close();
    const files = await readLogFiles(dir);
    assert.equal(files.debug, undefined);
    assert.equal(files.names.length, 2);
    assert.match(files.names[0] ?? '', /^info_\d{4}-\d{2}-\d{2}\.log$/);
    assert.match(files.names[1] ?? '', /^sessions_\d{4}-\d{2}-\d{2}\.log$/);
    assert.doesNotMatch(
      console.text + (files.info ?? '') + (files.sessions ?? ''),
      /connecting|file payload/,
    );
  });
});

test('no file is created before there is a line for it', async () => {
  await withTempDir(async (dir) => {
    const logsDir = join(dir, 'logs');
    const logger = createLogger({ logDir: logsDir, debug: true, console: false });
    assert.deepEqual((await readLogFiles(logsDir)).names, [], 'the directory is not even created');
    logger.info('first line');
    logger.close();
    const files = await readLogFiles(logsDir);
    assert.equal(files.sessions, undefined);
    assert.ok(files.info && files.debug);
  });
});

test('the level option raises the threshold of the console and the info file', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: false, console, level: 'warn' });
    logSomeSession(logger);
    logger.close();
    const files = await readLogFiles(dir);
    assert.equal(files.info, console.text);
    assert.deepEqual(
      console.text
        .trimEnd()
        .split('\n')
        .map((line) => line.slice(9, 14)),
      ['warn ', 'error'],
    );
  });
});

test('close works from a child, is idempotent, and later lines still reach the console only', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: dir, debug: true, console });
    const child = logger.child({ module: 'cli' }) as typeof logger;
    child.info('before close');
    child.close();
    logger.close();
    logger.info('after close');
    const files = await readLogFiles(dir);
    assert.doesNotMatch(files.info ?? '', /after close/);
    assert.doesNotMatch(files.debug ?? '', /after close/);
    assert.match(console.text, /after close/);
  });
});

test('without a log directory only the console gets lines', async () => {
  await withTempDir(async (dir) => {
    const console = new ConsoleCollector();
    const logger = createLogger({ debug: true, console });
    logger.child({ sessionId: 'abc' }).info('hello');
    logger.close();
    assert.match(console.text, /info {2}hello sessionId=abc\n$/);
    assert.deepEqual((await readLogFiles(dir)).names, []);
  });
});

test('a log directory that cannot be written is reported once on the console and logging goes on', async () => {
  await withTempDir(async (dir) => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, '');
    const console = new ConsoleCollector();
    const logger = createLogger({ logDir: join(blocker, 'logs'), debug: false, console });
    logger.info('one');
    logger.info('two');
    logger.close();
    const lines = console.text.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', / info {2}one$/);
    assert.match(
      lines[1] ?? '',
      / warn {2}cannot write the log file .*info_\d{4}-\d{2}-\d{2}\.log \(ENOTDIR\); logging to it stops$/,
    );
    assert.match(lines[2] ?? '', / info {2}two$/);
  });
});
