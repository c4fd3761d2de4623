import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, it, type TestContext } from 'node:test';
import { createCommandMarkup } from '../../src/markup/index.js';
import { StderrLines } from '../../src/markup/process/index.js';
import { contextFor, NODE, RecordingLogger, ROOT, sampleEssay, whenGone } from './support.js';

const SCRIPT = `${NODE} test/markup/fixtures/behave.mjs`;

describe('process control of markup programs (issue 9: items 3, 6, 7)', () => {
  it('cuts a 5 MB stderr line without a newline to a short log line; the essay is marked', async () => {
    const logger = new RecordingLogger();
    const markup = createCommandMarkup({
      command: `${NODE} -e "process.stderr.write('x'.repeat(5e6) + '\\n')" && ${SCRIPT} mark`,
      cwd: ROOT,
      logger,
    });
    const output = await markup.markup(sampleEssay(), contextFor());
    assert.ok(output && output.selections.length > 0);
    const long = logger.lines.find((line) => line.message.startsWith('xxx'));
    assert.ok(long, 'the long line was logged');
    assert.equal(long.message, `${'x'.repeat(4096)} […${5e6 - 4096} more characters cut]`);
    assert.ok(logger.lines.every((line) => line.message.length < 5000));
  });

  it('passes at most maxLinesPerSec stderr lines a second and counts the rest', async () => {
    const logger = new RecordingLogger();
    const markup = createCommandMarkup({
      command: `${NODE} -e "for (let i = 0; i < 20000; i++) console.error('line ' + i)" && ${SCRIPT} mark`,
      cwd: ROOT,
      logger,
      // One frozen second: everything falls into the same window.
      stderrLimits: { maxLinesPerSec: 50, now: () => 0 },
    });
    await markup.markup(sampleEssay(), contextFor());
    const lines = logger.lines.map((line) => line.message);
    assert.equal(lines.length, 51);
    assert.deepEqual(lines.slice(0, 2), ['line 0', 'line 1']);
    // 20 000 lines + "marking" from behave.mjs; 50 passed.
    assert.equal(lines.at(-1), '[…19951 stderr lines dropped: more than 50 a second]');
  });

  it('splits lines in linear time: a line fed one character at a time is cut, not re-scanned', () => {
    const seen: string[] = [];
    const lines = new StderrLines((line) => seen.push(line), { maxLineChars: 8 });
    for (let i = 0; i < 200_000; i++) lines.push('y');
    lines.push('\r\nshort\n');
    lines.push('tail');
    lines.end();
    assert.deepEqual(seen, ['yyyyyyyy […199992 more characters cut]', 'short', 'tail']);
  });

  it('is done when the command exits, though a background process still holds its stdout', async () => {
    const logger = new RecordingLogger();
    const markup = createCommandMarkup({
      command: `sleep 300 & echo "pids $!" >&2; ${SCRIPT} mark`,
      cwd: ROOT,
      logger,
    });
    // Before the fix the runner waited for the pipes, so only this abort ended the wait.
    const output = await markup.markup(sampleEssay(), contextFor({ signal: AbortSignal.timeout(60_000) }));
    assert.ok(output && output.selections.length > 0);
    const pid = Number((await logger.waitFor(/^pids /)).split(' ')[1]);
    assert.deepEqual(await whenGone([pid]), [], 'the background process was killed with the group');
  });

  for (const [how, exit] of [
    ['kill -9', 'wait'],
    ['process.exit()', 'exit'],
  ] as const) {
    it(`stops the command's process group when the client ends by ${how}`, async (t) => {
      const pids = await clientWithCommand(t, exit);
      assert.deepEqual(await whenGone(pids, 10_000), [], `still running: ${pids.join(' ')}`);
    });
  }
});

/** Starts a client process running `sleep` under a command markup; returns the command's pids. */
async function clientWithCommand(t: TestContext, then: 'wait' | 'exit'): Promise<number[]> {
  const command = 'sleep 300 & echo "pids $$ $!" >&2; wait';
  const client = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/markup/fixtures/command-client.ts', command, then],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.after(() => {
    client.kill('SIGKILL');
  });
  const lines = createInterface({ input: client.stdout });
  let pids: number[] = [];
  for await (const line of lines) {
    if (!line.startsWith('pids ')) continue;
    pids = line.split(' ').slice(1).map(Number);
    break;
  }
  assert.equal(pids.length, 2);
  if (then === 'wait') client.kill('SIGKILL');
  t.after(() => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
  });
  return pids;
}
