import type { Logger } from '../log/index.js';
import { ServerEvent } from '../protocol/index.js';
import { checkAnswer } from './answer-check.js';
import { storageFailure } from './log-text.js';
import type { ClientConnection } from './connection.js';
import { PlatformEvent } from './platform-events.js';
import type { PlatformEmitter } from './platform-events.js';
import type { SessionRunner } from './session-runner.js';
import type { PushedFile } from './session-state.js';
import type { PlatformStore } from './store.js';

export interface IntakeDeps {
  store: PlatformStore;
  events: PlatformEmitter;
  log: Logger;
  timeScale: number;
}

export interface Delivery {
  runner: SessionRunner;
  file: PushedFile;
  content: unknown;
  /** When the answer arrived (before it waited in the session's queue). */
  at: number;
  conn: ClientConnection;
  /** Answers `session-file-send-error` with this message. */
  fail(message: string): void;
}

/**
Checks an answer to a pushed file, stores it on disk, and only then acknowledges it. Runs in the
session's queue, so answers to one session are taken one at a time and in order.
*/
export async function takeAnswer(deps: IntakeDeps, d: Delivery): Promise<void> {
  const { runner, file, at, conn } = d;
  const state = runner.state;
  const fileId = file.fileId;
  const pushedText = typeof file.content.text === 'string' ? file.content.text : '';
  const check = checkAnswer(d.content, fileId, pushedText);
  if (!check.ok) {
    state.recordRejected(file, at, check.reason);
    runner.record({ t: 'reject', fileId, at, reason: check.reason });
    await keepRefused(deps, d, state.fileAttempts(file), check.reason);
    deps.events.emit(PlatformEvent.fileAnswered, {
      sessionId: runner.id,
      fileId,
      status: 'invalid',
      counts: false,
      reason: check.reason,
    });
    return d.fail(check.reason);
  }
  const late = state.isLate(file, at);
  const counts = state.wouldCount(file, at);
  const path = deps.store.answerPath(runner.id, fileId, !counts);
  try {
    await deps.store.writeJson(path, check.value);
  } catch (error) {
    deps.log.error({ err: error, sessionId: runner.id }, `answer for file ${fileId} not stored`);
    return d.fail(`the platform could not store the answer: ${storageFailure(error)}`);
  }
  state.recordAccepted(file, { at, late, path });
  runner.record({ t: 'answer', fileId, at, late, path });
  const lateBy = ((at - file.deadline) / 1000 / deps.timeScale).toFixed(3);
  const message = !counts
    ? `stored, but late by ${lateBy} s: the earlier on-time answer still counts`
    : late
      ? `stored, but late by ${lateBy} s`
      : undefined;
  deps.log.info(
    { sessionId: runner.id, fileId },
    `answer for file ${fileId} accepted${late ? ` (late by ${lateBy} s)` : ' (on time)'}`,
  );
  conn.emit(ServerEvent.fileSendSuccess, {
    sessionId: runner.id,
    fileId,
    ...(message !== undefined ? { message } : {}),
  });
  deps.events.emit(PlatformEvent.fileAnswered, {
    sessionId: runner.id,
    fileId,
    status: late ? 'late' : 'on-time',
    counts,
  });
  runner.checkFinished();
}

/**
A refused answer is kept too (`{fileId}.invalid-{n}.json`: when, why, and the content as it came),
so what a client sent is never lost, while it never counts nor displaces an answer that does.
Content that cannot be serialised (nested too deeply) is kept as a note saying so.
*/
async function keepRefused(deps: IntakeDeps, d: Delivery, n: number, reason: string): Promise<void> {
  const { runner, file } = d;
  const at = new Date(d.at).toISOString();
  let text: string;
  try {
    text = `${JSON.stringify({ receivedAt: at, reason, content: d.content }, null, 2)}\n`;
  } catch (error) {
    const why = error instanceof RangeError ? 'nested too deeply to be serialised' : 'not serialisable';
    text = `${JSON.stringify({ receivedAt: at, reason, content: null, unstored: `content is ${why}` }, null, 2)}\n`;
  }
  const path = deps.store.invalidPath(runner.id, file.fileId, n);
  try {
    await deps.store.writeText(path, text);
  } catch (error) {
    deps.log.error({ err: error, sessionId: runner.id }, `refused answer for file ${file.fileId} not kept`);
  }
}
