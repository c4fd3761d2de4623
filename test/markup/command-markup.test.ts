import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createCommandMarkup,
  Marker,
  MarkupError,
  type CommandMarkupOptions,
} from '../../src/markup/index.js';
import {
  contextFor,
  isRunning,
  whenGone,
  makeTempDir,
  NODE,
  RecordingLogger,
  ROOT,
  sampleEssay,
} from './support.js';

const SCRIPT = `${NODE} test/markup/fixtures/behave.mjs`;

function commandMarkup(mode: string, options: Partial<CommandMarkupOptions> = {}) {
  return createCommandMarkup({ command: `${SCRIPT} ${mode}`, cwd: ROOT, ...options });
}

async function failure(promise: Promise<unknown>): Promise<MarkupError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MarkupError, `expected a MarkupError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the markup to fail');
}

describe('command markup', () => {
  it('names itself after the command', () => {
    assert.equal(commandMarkup('mark').name, `command:${SCRIPT} mark`);
  });

  it('reports a non-zero exit with the exit code and the first line of stderr', async () => {
    const error = await failure(commandMarkup('crash').markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} crash" exited with code 3 for file 0000001; stderr: model crashed: out of memory`,
    );
    assert.equal(error.kind, 'threw');
    assert.equal(error.context.exitCode, 3);
    assert.equal(error.context.stderr, '\nmodel crashed: out of memory\nsecond line\n');
  });

  it('names the exception of a Python traceback rather than its first line', async () => {
    const error = await failure(commandMarkup('traceback').markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} traceback" exited with code 1 for file 0000001; stderr: KeyError: 'text'`,
    );
  });

  it('reports invalid JSON on stdout with its line and column', async () => {
    const error = await failure(commandMarkup('bad-json').markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} bad-json" printed invalid JSON for file 0000001: stdout:2:10: not valid JSON: Unexpected token 'o'`,
    );
    assert.equal(error.kind, 'invalid');
  });

  it('reports JSON that is not an essay', async () => {
    const error = await failure(commandMarkup('not-essay').markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} not-essay" printed JSON that is not an essay for file 0000001: stdout: meta: missing (required)`,
    );
    assert.equal(error.kind, 'invalid');
  });

  it('reports a command that prints nothing', async () => {
    const error = await failure(commandMarkup('silent').markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} silent" printed nothing on stdout for file 0000001; it must print the marked essay as JSON (nothing on stderr)`,
    );
  });

  it('stops a command that prints more than the output limit', async () => {
    const markup = commandMarkup('flood', { maxOutputBytes: 1024 * 1024 });
    const error = await failure(markup.markup(sampleEssay(), contextFor()));
    assert.equal(
      error.message,
      `command "${SCRIPT} flood" printed more than 1 MB on stdout for file 0000001 and was killed; print only the essay JSON on stdout and logs on stderr`,
    );
    assert.equal(error.kind, 'invalid');
  });

  it('logs every stderr line with the file id', async () => {
    const logger = new RecordingLogger();
    await commandMarkup('mark', { logger }).markup(sampleEssay(), contextFor());
    assert.deepEqual(
      logger.lines.map((line) => [line.level, line.message, line.fields]),
      [['info', 'marking', { markup: `command:${SCRIPT} mark`, fileId: '0000001' }]],
    );
  });

  it('kills the whole process group of a hanging command on abort', async () => {
    const logger = new RecordingLogger();
    const controller = new AbortController();
    const pending = commandMarkup('hang', { logger }).markup(
      sampleEssay(),
      contextFor({ signal: controller.signal }),
    );
    const pids = (await logger.waitFor(/^pids /)).split(' ').slice(1).map(Number);
    assert.equal(pids.length, 2);
    assert.ok(pids.every(isRunning));
    controller.abort();
    const error = await failure(pending);
    assert.equal(error.kind, 'aborted');
    assert.equal(
      error.message,
      `command "${SCRIPT} hang" was stopped for file 0000001 because the markup was aborted: This operation was aborted; its process group was killed`,
    );
    assert.equal(error.context.signal, 'SIGTERM');
    assert.deepEqual(await whenGone(pids), []);
  });

  it('kills what a failed command left running in the background', async () => {
    const logger = new RecordingLogger();
    const markup = createCommandMarkup({
      command: 'sleep 300 </dev/null >/dev/null 2>&1 & echo "pids $!" >&2; exit 3',
      cwd: ROOT,
      logger,
    });
    const error = await failure(markup.markup(sampleEssay(), contextFor()));
    assert.equal(error.kind, 'threw');
    const pid = Number((await logger.waitFor(/^pids /)).split(' ')[1]);
    assert.deepEqual(await whenGone([pid]), []);
  });

  it('kills with SIGKILL a command that ignores SIGTERM', async () => {
    const logger = new RecordingLogger();
    const controller = new AbortController();
    const markup = commandMarkup('stubborn', { logger, killGraceMs: 50 });
    const pending = markup.markup(sampleEssay(), contextFor({ signal: controller.signal }));
    const pid = Number((await logger.waitFor(/^pids /)).split(' ')[1]);
    controller.abort();
    const error = await failure(pending);
    assert.equal(error.kind, 'aborted');
    // It installed its SIGTERM handler before printing its pid, so only SIGKILL can have stopped it.
    assert.deepEqual(await whenGone([pid]), []);
  });

  it('stops a hanging command when the deadline signal fires', async () => {
    const pending = commandMarkup('hang').markup(
      sampleEssay(),
      contextFor({ signal: AbortSignal.timeout(200) }),
    );
    const error = await failure(pending);
    assert.equal(error.kind, 'aborted');
    assert.match(error.message, /because the markup was aborted: The operation was aborted due to timeout;/);
  });

  it('never passes the token to the command, and tells it the file id', async () => {
    const markup = commandMarkup('env', { env: { ...process.env, TOKEN: 'secret-token' } });
    const output = await markup.markup(sampleEssay(), contextFor({ fileId: '0000042' }));
    const seen = JSON.parse(output?.selections.at(0)?.comment ?? '{}') as Record<string, unknown>;
    assert.equal(seen.token, null);
    assert.equal(seen.fileId, '0000042');
  });

  it('runs the command in the configured working directory', async () => {
    const temp = await makeTempDir();
    try {
      const markup = createCommandMarkup({
        command: `${SCRIPT.replace('test/', `${ROOT}/test/`)} env`,
        cwd: temp.dir,
      });
      const output = await markup.markup(sampleEssay(), contextFor());
      const seen = JSON.parse(output?.selections.at(0)?.comment ?? '{}') as Record<string, unknown>;
      assert.equal(seen.cwd, temp.dir);
    } finally {
      await temp.remove();
    }
  });

  it('reports a working directory that does not exist', async () => {
    const markup = createCommandMarkup({ command: 'true', cwd: '/nonexistent/markup-dir' });
    const error = await failure(markup.markup(sampleEssay(), contextFor()));
    assert.equal(error.kind, 'config');
    assert.match(
      error.message,
      /^command "true" could not be started for file 0000001: spawn .* ENOENT \(does the working directory \/nonexistent\/markup-dir exist\?\)$/,
    );
  });

  it('rejects an empty command', () => {
    assert.throws(() => createCommandMarkup({ command: '  ' }), {
      name: 'MarkupError',
      message: 'markup command is empty',
    });
  });

  it('has a synchronous variant with the same errors', () => {
    const marker = new Marker(commandMarkup('crash'));
    assert.throws(() => marker.markupSync(sampleEssay()), {
      name: 'MarkupError',
      message: `command "${SCRIPT} crash" exited with code 3 for file 0000001; stderr: model crashed: out of memory`,
    });
  });
});
