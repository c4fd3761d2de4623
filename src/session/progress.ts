import cliProgress from 'cli-progress';
import type { Session } from './session.js';

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** A live bar (TTY) or one plain line per event. */
  live: boolean;
  /** Files expected, when known (the start's count). */
  total?: number;
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
  const line = (text: string) => {
    if (!options.live) options.stream.write(`${text}\n`);
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

  session.on('started', ({ sessionId }) => line(`session ${String(sessionId)} started`));
  session.on('connected', ({ reconnect }) => reconnect && line('reconnected'));
  session.on('disconnected', ({ reason, willReconnect }) => {
    // Our own disconnect at the end is not news.
    if (reason !== 'io client disconnect')
      line(`disconnected (${reason})${willReconnect ? '; reconnecting' : ''}`);
  });
  session.on('reconnecting', ({ attempt, delayMs }) =>
    line(`reconnect attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
  );
  session.on('file-received', ({ fileId, deadline }) => {
    counts.received += 1;
    deadlines.set(fileId, deadline);
    line(`file ${fileId} received (deadline in ${((deadline - Date.now()) / 1000).toFixed(1)} s)`);
    refresh();
  });
  session.on('file-marked', ({ fileId, outcome, reason }) => {
    counts.marked += 1;
    if (outcome === 'kept') deadlines.delete(fileId);
    line(
      `file ${fileId} ${outcome === 'kept' ? 'saved (only-save mode)' : outcome}${reason ? `: ${reason}` : ''}`,
    );
    refresh();
  });
  session.on('file-sent', ({ fileId, late, resend }) => {
    if (!resend) counts.sent += 1;
    deadlines.delete(fileId);
    line(`file ${fileId} ${resend ? 'resent' : 'sent'}${late ? ' (late)' : ''}`);
    refresh();
  });
  session.on('file-accepted', ({ fileId }) => {
    counts.accepted += 1;
    line(`file ${fileId} accepted`);
    refresh();
  });
  session.on('file-rejected', ({ fileId, message }) => {
    counts.rejected += 1;
    line(`file ${fileId} rejected: ${message}`);
    refresh();
  });
  session.on('file-failed', ({ fileId, stage, message }) => {
    counts.failed += 1;
    deadlines.delete(fileId);
    line(`file ${fileId} failed (${stage}): ${message}`);
    refresh();
  });
  return {
    stop() {
      clearInterval(timer);
      bar?.stop();
    },
  };
}
