import type { Logger } from '../log/index.js';
import { ServerEvent } from '../protocol/index.js';
import { checkAnswer } from './answer-check.js';
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
    return d.fail(`the platform could not store the answer: ${(error as Error).message}`);
  }
  state.recordAccepted(file, { at, late, path });
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
