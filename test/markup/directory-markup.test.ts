import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDirectoryMarkup, MarkupError, type DirectoryMarkupOptions } from '../../src/markup/index.js';
import { contextFor, makeTempDir, RecordingLogger, sampleEssay } from './support.js';

async function failure(promise: Promise<unknown>): Promise<MarkupError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MarkupError, `expected a MarkupError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the markup to fail');
}

describe('directory markup', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let outputDir: string;
  let answerPath: string;
  let logger: RecordingLogger;
  beforeEach(async () => {
    temp = await makeTempDir();
    outputDir = join(temp.dir, 'output');
    answerPath = join(outputDir, '0000001.json');
    logger = new RecordingLogger();
  });
  afterEach(() => temp.remove());

  const start = (options: DirectoryMarkupOptions = {}, context = contextFor({ outputDir })) =>
    createDirectoryMarkup({ logger, ...options }).markup(sampleEssay(), context);

  const markedText = (): string => {
    const answer = sampleEssay();
    answer.selections.add({ startSelection: 0, endSelection: 4, type: 'проблема', group: 'meaning' });
    return answer.toString();
  };

  it('takes an answer that is already there', async () => {
    await mkdir(outputDir, { recursive: true });
    await writeFile(answerPath, markedText());
    const output = await start();
    assert.equal(output?.selections.length, 1);
    assert.equal(output?.source, answerPath);
  });

  it('waits through a partial write and reads the answer once it is complete', async () => {
    const pending = start();
    await logger.waitFor(/^waiting for /);
    await writeFile(answerPath, '{"meta": {"id": "0000001"');
    assert.equal(
      await logger.waitFor(/is not complete yet/),
      `${answerPath} is not complete yet: ${answerPath}:1:26: not valid JSON: Expected ',' or '}' after property value`,
    );
    const text = markedText();
    await writeFile(answerPath, text);
    const output = await pending;
    assert.equal(output?.selections.length, 1);
  });

  it('gives up at CHECK_DIRECTORY_ANSWER_DELAY, naming the path it waited for', async () => {
    const error = await failure(start({ delaySec: 0.05 }));
    assert.equal(error.kind, 'aborted');
    assert.equal(error.context.path, answerPath);
    assert.match(
      error.message,
      new RegExp(
        `^no answer for file 0000001: ${answerPath} did not appear within \\d+\\.\\d s \\(CHECK_DIRECTORY_ANSWER_DELAY\\)$`,
      ),
    );
  });

  it('never waits past the deadline, whatever the delay says', async () => {
    const error = await failure(
      start({ delaySec: 3600 }, contextFor({ outputDir, deadline: Date.now() + 50 })),
    );
    assert.match(error.message, /did not appear within \d+\.\d s \(the file's deadline\)$/);
  });

  it('says so when the answer was still half written at the deadline', async () => {
    const pending = start({}, contextFor({ outputDir, deadline: Date.now() + 2000 }));
    await logger.waitFor(/^waiting for /);
    await writeFile(answerPath, '{"meta": {"id": "0000001"');
    const error = await failure(pending);
    assert.match(
      error.message,
      new RegExp(
        `^no complete answer for file 0000001: ${answerPath} was still incomplete after \\d+\\.\\d s \\(the file's deadline\\): ${answerPath}:1:26: not valid JSON: `,
      ),
    );
  });

  it('rejects at once a complete answer that is not an essay', async () => {
    const pending = start();
    await logger.waitFor(/^waiting for /);
    await writeFile(answerPath, '{"answer": 42}');
    const error = await failure(pending);
    assert.equal(error.kind, 'invalid');
    assert.equal(
      error.message,
      `the answer for file 0000001 is not an essay: ${answerPath}: meta: missing (required)`,
    );
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = start({}, contextFor({ outputDir, signal: controller.signal }));
    await logger.waitFor(/^waiting for /);
    controller.abort();
    const error = await failure(pending);
    assert.equal(error.kind, 'aborted');
    assert.equal(
      error.message,
      `stopped waiting for ${answerPath} (file 0000001) because the markup was aborted: This operation was aborted`,
    );
  });

  it('uses its own output directory over the context', async () => {
    const own = join(temp.dir, 'elsewhere');
    await mkdir(own);
    await writeFile(join(own, '0000001.json'), markedText());
    const output = await start({ outputDir: own }, contextFor());
    assert.equal(output?.source, join(own, '0000001.json'));
  });

  it('needs an output directory', async () => {
    const error = await failure(start({}, contextFor()));
    assert.equal(error.kind, 'config');
    assert.equal(
      error.message,
      `markup "directory" needs the session's output directory (context.outputDir) for file 0000001`,
    );
  });
});
