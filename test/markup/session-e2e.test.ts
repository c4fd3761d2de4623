// End-to-end sessions against the real local platform with the worker and HTTP markups, including a
// worker killed with SIGKILL and the only model server stopped and restarted mid-session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpMarkup, createWorkerMarkup, type Markup } from '../../src/markup/index.js';
import { makeSession, setup, START } from '../session/support/env.js';
import { httpServer, marking } from './http-support.js';
import { NODE, RecordingLogger, ROOT } from './support.js';

// 60 s per file × 0.01 = 600 ms per file: room for a restart or a retry on a loaded machine.
const SLOW_START = { ...START, time: 60 };

async function session(t: Parameters<typeof setup>[0], markup: Markup, onSaved?: (n: number) => void) {
  const env = await setup(t, { count: 6 });
  const s = makeSession(env, markup, { onMarkupFailure: 'send-unmarked' });
  let saved = 0;
  s.on('file-saved', () => {
    saved += 1;
    onSaved?.(saved);
  });
  await s.start(SLOW_START);
  const summary = await s.done;
  await markup.close?.();
  return { env, summary };
}

describe('sessions with long-lived markups', () => {
  it('answers every file with workers, one of them killed with SIGKILL mid-session', async (t) => {
    const logger = new RecordingLogger();
    const markup = await createWorkerMarkup({
      command: `${NODE} test/markup/fixtures/worker.mjs ok`,
      cwd: ROOT,
      workers: 2,
      restartBackoffMs: 10,
      logger,
    });
    t.after(() => markup.close?.());
    const pid = Number(/^pid (\d+) starting/.exec(await logger.waitFor(/^pid \d+ starting/))?.[1]);
    const { env, summary } = await session(t, markup, (n) => {
      if (n === 3) process.kill(pid, 'SIGKILL');
    });
    assert.deepEqual(summary.accepted.sort(), env.ids);
    assert.ok(
      logger.lines.some((l) => /(was killed by SIGKILL|exited with code 137)/.test(l.message)),
      'the kill was seen',
    );
  });

  it('answers every file over HTTP with the only server stopped and restarted mid-session', async (t) => {
    const server = await httpServer(t, marking);
    const logger = new RecordingLogger();
    const markup = createHttpMarkup({ urls: [server.url], logger, failuresToEject: 1, ejectMs: 20 });
    t.after(() => markup.close?.());
    let restarted: Promise<unknown> | undefined;
    const { env, summary } = await session(t, markup, (n) => {
      if (n === 2) void server.close();
      if (n === 4) restarted = httpServer(t, marking, server.port);
    });
    await restarted;
    assert.deepEqual(summary.accepted.sort(), env.ids);
    assert.ok(
      summary.accepted.length - summary.unmarked.length >= 2,
      'marked before the stop and after the restart',
    );
  });
});
