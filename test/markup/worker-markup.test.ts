import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it, type TestContext } from 'node:test';
import type { Essay } from '../../src/essay/index.js';
import {
  createWorkerMarkup,
  Marker,
  MarkupError,
  type Markup,
  type WorkerMarkupOptions,
} from '../../src/markup/index.js';
import { contextFor, makeTempDir, NODE, RecordingLogger, ROOT, sampleEssay, whenGone } from './support.js';

const WORKER = `${NODE} test/markup/fixtures/worker.mjs`;

async function workers(
  t: TestContext,
  mode: string,
  options: Partial<WorkerMarkupOptions> = {},
): Promise<{ markup: Markup; logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const markup = await createWorkerMarkup({ command: `${WORKER} ${mode}`, cwd: ROOT, logger, ...options });
  t.after(() => markup.close?.());
  return { markup, logger };
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

const commentOf = (essay: Essay | null) => essay?.selections.at(-1)?.comment;
const pidsIn = (logger: RecordingLogger) =>
  logger.lines.flatMap((l) => /^pid (\d+) starting/.exec(l.message)?.[1] ?? []).map(Number);

describe('worker markup', () => {
  it('matches answers given in any order to their requests by id', async (t) => {
    const { markup } = await workers(t, 'reverse', { inflight: 2 });
    const [a, b] = await Promise.all([
      markup.markup(sampleEssay('0000001'), contextFor({ fileId: '0000001' })),
      markup.markup(sampleEssay('0000002'), contextFor({ fileId: '0000002' })),
    ]);
    assert.equal(a?.meta.id, '0000001');
    assert.equal(b?.meta.id, '0000002');
  });

  it('loads each worker once and spreads essays over the workers', async (t) => {
    const { markup, logger } = await workers(t, 'count', { workers: 2 });
    const outputs = await Promise.all(
      ['1', '2', '3', '4'].map((id) => markup.markup(sampleEssay(id), contextFor({ fileId: id }))),
    );
    const pids = new Set(outputs.map((o) => /in pid (\d+)/.exec(commentOf(o) ?? '')?.[1]));
    assert.equal(pids.size, 2, 'both workers answered');
    assert.equal(pidsIn(logger).length, 2, 'two processes started, for four essays');
  });

  it('reports a worker that exits before ready, with its exit code and last stderr lines', async () => {
    const error = await failure(createWorkerMarkup({ command: `${WORKER} exit-before-ready`, cwd: ROOT }));
    assert.equal(error.kind, 'config');
    assert.match(
      error.message,
      /^worker 1 \(pid \d+\) of ".*worker\.mjs exit-before-ready" exited before it was ready \(exited with code 4\); last stderr: .*loading failed: no such model file/,
    );
  });

  it('reports a worker that never gets ready within the start timeout, and stops it', async () => {
    const error = await failure(
      createWorkerMarkup({ command: `${WORKER} never-ready`, cwd: ROOT, startTimeoutMs: 1000 }),
    );
    assert.match(
      error.message,
      /^worker 1 \(pid \d+\) of .* was not ready after 1 s \(--worker-start-timeout\); (last stderr: pid \d+ starting \(never-ready\)|nothing on stderr)$/,
    );
    const pid = Number(/\(pid (\d+)\)/.exec(error.message)?.[1]);
    assert.deepEqual(await whenGone([pid]), []);
  });

  it('ignores what a library prints on stdout before ready, with a warning', async (t) => {
    const { markup, logger } = await workers(t, 'noise-before-ready');
    assert.ok((await markup.markup(sampleEssay(), contextFor()))?.selections.length);
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /before ready \(ignored/.test(l.message)));
  });

  it('retries the essay of a worker that crashed on another worker and restarts the crashed one', async (t) => {
    const temp = await makeTempDir();
    t.after(() => temp.remove());
    const { markup, logger } = await workers(t, 'crash-first', {
      workers: 2,
      restartBackoffMs: 10,
      env: { ...process.env, CRASH_MARK: join(temp.dir, 'crashed') },
    });
    const output = await markup.markup(sampleEssay(), contextFor());
    assert.ok(output?.selections.length, 'marked by the other worker');
    const warning = await logger.waitFor(/exited with code 1/);
    assert.match(warning, /after printing a partial line of \d+ bytes/);
    assert.match(warning, /retrying files 0000001 elsewhere/);
    await logger.waitFor(/^worker [12] \(pid \d+\) ready/); // the restart (after the first two)
    assert.equal(pidsIn(logger).length, 3);
  });

  it('gives up on an essay that crashes every worker after the attempts, and marks the next one', async (t) => {
    const { markup } = await workers(t, 'crash-on 0000666', { workers: 2, restartBackoffMs: 10 });
    const error = await failure(markup.markup(sampleEssay('0000666'), contextFor({ fileId: '0000666' })));
    assert.equal(error.kind, 'threw');
    assert.match(
      error.message,
      /^worker [12] \(pid \d+\) exited with code 9; .* while marking file 0000666 \(attempt 3 of 3\)$/,
    );
    const next = await markup.markup(sampleEssay('0000002'), contextFor({ fileId: '0000002' }));
    assert.ok(next?.selections.length);
  });

  for (const [mode, kind, pattern] of [
    [
      'not-json',
      'invalid',
      /broke the protocol while marking file 0000009: printed a line that is not JSON on stdout: "this is not JSON"$/,
    ],
    [
      'wrong-id',
      'invalid',
      /broke the protocol while marking file 0000009: answered id \d+, which was not asked of it or was answered already$/,
    ],
    [
      'huge-line',
      'invalid',
      /broke the protocol while marking file 0000009: printed a line of \d+ bytes on stdout, more than the limit of 1048576$/,
    ],
    ['error', 'threw', /^worker 1 \(pid \d+\) reported an error for file 0000009: CUDA out of memory$/],
    ['other-text', 'invalid', /changed the essay text of file 0000009/],
  ] as const) {
    it(`fails the file precisely when the worker answers with ${mode}, and marks the next file`, async (t) => {
      const { markup } = await workers(t, `${mode} 0000009`, { maxLineBytes: 1024 * 1024 });
      const marker = new Marker(markup);
      const error = await failure(marker.markup(sampleEssay('0000009'), contextFor({ fileId: '0000009' })));
      assert.equal(error.kind, kind);
      assert.match(error.message, pattern);
      const next = await marker.markup(sampleEssay('0000002'), contextFor({ fileId: '0000002' }));
      assert.ok(next?.selections.length);
    });
  }

  it('keeps a worker that does not answer one essay while it answers the others; the abort cancels it', async (t) => {
    const { markup, logger } = await workers(t, 'ignore-on 0000005', { inflight: 2 });
    const controller = new AbortController();
    const stuck = markup.markup(
      sampleEssay('0000005'),
      contextFor({ fileId: '0000005', signal: controller.signal }),
    );
    const other = await markup.markup(sampleEssay('0000006'), contextFor({ fileId: '0000006' }));
    assert.ok(other?.selections.length);
    controller.abort();
    assert.equal((await failure(stuck)).kind, 'aborted');
    await logger.waitFor(/^cancel \d+$/);
    assert.ok(
      (await markup.markup(sampleEssay('0000007'), contextFor({ fileId: '0000007' })))?.selections.length,
    );
    assert.equal(pidsIn(logger).length, 1, 'never restarted');
  });

  it('ends its workers by closing their stdin, and never passes the token', async (t) => {
    const { markup, logger } = await workers(t, 'ok', {
      workers: 2,
      env: { ...process.env, TOKEN: 'secret' },
    });
    await markup.close?.();
    assert.equal(logger.lines.filter((l) => l.message === 'stdin closed, exiting').length, 2);
    assert.deepEqual(await whenGone(pidsIn(logger)), []);
  });

  it("stops the workers' process groups when the client is killed with kill -9", async (t) => {
    const client = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/markup/fixtures/command-client.ts', `${WORKER} ok`, 'worker'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    t.after(() => client.kill('SIGKILL'));
    let pid = 0;
    for await (const line of createInterface({ input: client.stdout })) {
      const found = /^pid (\d+) starting/.exec(line);
      if (found) {
        pid = Number(found[1]);
        break;
      }
    }
    client.kill('SIGKILL');
    assert.deepEqual(await whenGone([pid], 10_000), []);
  });
});

describe('examples/python/readable_worker.py', () => {
  it('turns Python indices into UTF-16 offsets, and an exception into an error answer', async (t) => {
    const markup = await createWorkerMarkup({
      command: 'python3 test/markup/fixtures/utf16_worker.py',
      cwd: ROOT,
    });
    t.after(() => markup.close?.());
    const { Essay } = await import('../../src/essay/index.js');
    const text = 'Emoji 😀😀 before the model, ё too.';
    const essay = Essay.fromText(text, { id: '0000003', subject: 'eng', theme: 't' });
    const output = await markup.markup(essay, contextFor({ fileId: '0000003' }));
    const selection = output?.selections.at(-1);
    assert.equal(text.slice(selection?.startSelection, selection?.endSelection), 'model');
    assert.equal(selection?.comment, 'file 0000003');
    const failing = Essay.fromText('This one should fail.', { id: '0000004', subject: 'eng', theme: 't' });
    const error = await failure(markup.markup(failing, contextFor({ fileId: '0000004' })));
    assert.match(error.message, /reported an error for file 0000004: KeyError: 'fail'$/);
  });
});
