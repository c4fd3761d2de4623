import cliProgress from 'cli-progress';
import type { Logger } from '../../../log/index.js';
import type { Session } from '../../../session/index.js';

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** A live bar (TTY) or one plain line per event. */
  live: boolean;
  /** Files expected, when known (the start's count). */
  total?: number;
  /**
  Gets every progress line at info level, with `sessionId`, `fileId` and `event` fields, live bar
  or not: `info_{date}.log` then holds what the console shows, `sessions_{date}.log` the records.
  */
  logger?: Logger;
}

export interface ProgressDisplay {
  stop(): void;
}

/**
Shows a session's progress: received / marked / sent / accepted and the nearest deadline, as a
live bar on a terminal, or as plain lines (one per event) when the output is a file or a pipe.
*/
export function attachProgress(session: Session, options: ProgressOptions): ProgressDisplay {
  const counts = { received: 0, marked: 0, sent: 0, accepted: 0, rejected: 0, failed: 0 };
  const deadlines = new Map<string, number>();
  const nearest = () => {
    const soonest = Math.min(...deadlines.values());
    return Number.isFinite(soonest) ? `${Math.max(0, (soonest - Date.now()) / 1000).toFixed(1)} s` : '-';
  };
  const logger = options.logger?.child({ module: 'progress' });
  const line = (text: string, event?: string, fileId?: string) => {
    if (!options.live) options.stream.write(`${text}\n`);
    logger?.info({ sessionId: session.sessionId, event, fileId }, text);
  };

  let bar: cliProgress.SingleBar | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.live) {
    bar = new cliProgress.SingleBar(
      {
        stream: options.stream,
        format:
          '{bar} {value}/{total} | received {received} | marked {marked} | sent {sent} | accepted {accepted} | rejected {rejected} | next deadline {deadline}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total ?? 0, 0, { ...counts, deadline: '-' });
    timer = setInterval(() => bar?.update({ deadline: nearest() }), 250);
    timer.unref();
  }
  const refresh = () => {
    if (!bar) return;
    if (counts.received > bar.getTotal()) bar.setTotal(counts.received);
    bar.update(counts.accepted + counts.rejected + counts.failed, { ...counts, deadline: nearest() });
  };

  session.on('started', ({ sessionId, resumed }) =>
    line(`session ${String(sessionId)} ${resumed ? 'resumed' : 'started'}`, resumed ? 'resumed' : 'started'),
  );
  session.on('connected', ({ reconnect }) => reconnect && line('reconnected', 'connected'));
  session.on('disconnected', ({ reason, willReconnect }) => {
    // Our own disconnect at the end is not news.
    if (reason !== 'io client disconnect')
      line(`disconnected (${reason})${willReconnect ? '; reconnecting' : ''}`, 'disconnected');
  });
  session.on('reconnecting', ({ attempt, delayMs }) =>
    line(`reconnect attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`, 'reconnecting'),
  );
  session.on('file-received', ({ fileId, deadline, resumed }) => {
    counts.received += 1;
    deadlines.set(fileId, deadline);
    const left = (deadline - Date.now()) / 1000;
    const when =
      left > 0 ? `deadline in ${left.toFixed(1)} s` : `deadline passed ${(-left).toFixed(1)} s ago`;
    line(
      `file ${fileId} ${resumed ? 'taken up again from disk' : 'received'} (${when})`,
      'file-received',
      fileId,
    );
    refresh();
  });
  session.on('file-marked', ({ fileId, outcome, reason }) => {
    counts.marked += 1;
    if (outcome === 'kept') deadlines.delete(fileId);
    line(
      `file ${fileId} ${outcome === 'kept' ? 'saved (only-save mode)' : outcome}${reason ? `: ${reason}` : ''}`,
      'file-marked',
      fileId,
    );
    refresh();
  });
  session.on('file-sent', ({ fileId, late, resend }) => {
    if (!resend) counts.sent += 1;
    deadlines.delete(fileId);
    line(`file ${fileId} ${resend ? 'resent' : 'sent'}${late ? ' (late)' : ''}`, 'file-sent', fileId);
    refresh();
  });
  session.on('file-accepted', ({ fileId }) => {
    counts.accepted += 1;
    line(`file ${fileId} accepted`, 'file-accepted', fileId);
    refresh();
  });
  session.on('file-rejected', ({ fileId, message }) => {
    counts.rejected += 1;
    line(`file ${fileId} rejected: ${message}`, 'file-rejected', fileId);
    refresh();
  });
  session.on('file-failed', ({ fileId, stage, message }) => {
    counts.failed += 1;
    deadlines.delete(fileId);
    line(`file ${fileId} failed (${stage}): ${message}`, 'file-failed', fileId);
    refresh();
  });
  return {
    stop() {
      clearInterval(timer);
      bar?.stop();
    },
  };
}
