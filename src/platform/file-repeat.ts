import type { Logger } from '../log/index.js';
import { ServerEvent, parseClient } from '../protocol/index.js';
import type { ClientConnection } from './connection.js';
import { logText } from './log-text.js';
import type { SessionRunner } from './session-runner.js';

/**
`missed` follows the request (docs/protocol.md): it can be true only in answer to a request that
carries `lastFileId` (a client's catch-up after a connect); a plain repeat always gets a falsy
`missed`, since the organisers' client completes its repeat command only on `missed: false`.
*/
export function answerRepeat(
  runner: SessionRunner | undefined,
  conn: ClientConnection,
  raw: unknown,
  ctx: { log: Logger; now: number; noSession: () => string },
): void {
  const parsed = parseClient.fileRepeat(raw);
  if (!parsed.ok) {
    conn.emit(ServerEvent.fileRepeatError, { message: parsed.error, missed: false });
    return;
  }
  const catchUp = parsed.value.lastFileId !== undefined;
  if (runner === undefined) {
    conn.emit(ServerEvent.fileRepeatError, { message: ctx.noSession(), missed: catchUp });
    return;
  }
  const target = runner.state.repeatTarget(parsed.value.lastFileId);
  if (target === undefined) {
    conn.emit(ServerEvent.fileRepeatError, {
      message: `session ${runner.id} has pushed no file yet`,
      missed: false,
    });
    return;
  }
  target.file.delivered = true;
  target.file.deliveredTo = conn.id;
  target.file.unconfirmed = false;
  runner.record({ t: 'deliver', fileId: target.file.fileId, at: ctx.now });
  ctx.log.info(
    { sessionId: runner.id, fileId: target.file.fileId },
    `file ${target.file.fileId} repeated${target.missed ? ' (missed while offline)' : ''}` +
      (catchUp ? `; client's last file: ${logText(parsed.value.lastFileId, 80)}` : ''),
  );
  conn.emit(ServerEvent.fileRepeatSuccess, {
    sessionId: runner.id,
    fileId: target.file.fileId,
    content: target.file.content,
    missed: catchUp && target.missed,
  });
}
