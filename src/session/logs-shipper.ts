import type { Logger } from '../log/index.js';
import { ServerEvent } from '../protocol/index.js';
import type { ClientLog } from './client-log.js';
import type { Connector } from './connector/index.js';

export interface ShipLogsOptions {
  connector: Connector;
  log: ClientLog;
  logger: Logger;
  /** How long each `logs-send` waits for the platform's answer. */
  timeoutMs: number;
  /** Bytes of records per `logs-send` message. @default 1_000_000 */
  maxBytes?: number;
}

export interface ShipLogsResult {
  /** Records the platform acknowledged. */
  sent: number;
  /** Why the rest were not sent, if they were not. */
  error?: string;
}

type Answer = { ok: true } | { ok: false; message: string };

function waitForAnswer(connector: Connector, timeoutMs: number): { answer: Promise<Answer>; cancel(): void } {
  let cancel!: () => void;
  const answer = new Promise<Answer>((resolve) => {
    const done = (result: Answer) => {
      clearTimeout(timer);
      connector.off(ServerEvent.logsSendSuccess, onSuccess);
      connector.off(ServerEvent.logsSendError, onError);
      connector.off('disconnected', onDrop);
      resolve(result);
    };
    const onSuccess = () => done({ ok: true });
    const onError = (p: { message: string }) => done({ ok: false, message: p.message });
    const onDrop = () => done({ ok: false, message: 'the connection dropped before the answer' });
    const timer = setTimeout(
      () => done({ ok: false, message: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    connector.on(ServerEvent.logsSendSuccess, onSuccess);
    connector.on(ServerEvent.logsSendError, onError);
    connector.on('disconnected', onDrop);
    cancel = () => done({ ok: false, message: 'cancelled' });
  });
  return { answer, cancel };
}

/**
Sends the session's log records not sent before (`logs-send`), in batches, each waiting a bounded
time for `logs-send-success`; the sent offset advances only on success, so a failed batch goes
again at the next session end. Never throws: a failure is logged and reported in the result.
*/
export async function shipLogs(options: ShipLogsOptions): Promise<ShipLogsResult> {
  const { connector, log, logger } = options;
  let sent = 0;
  if (connector.sendLogs === undefined) {
    logger.debug(`connector ${connector.name} cannot send logs; they stay in ${log.path ?? 'memory'}`);
    return { sent, error: 'the connector cannot send logs' };
  }
  try {
    await log.flush();
    for (;;) {
      const batch = await log.nextUnsent(options.maxBytes);
      if (batch === undefined) return { sent };
      const { answer, cancel } = waitForAnswer(connector, options.timeoutMs);
      if (!connector.sendLogs({ logs: batch.records })) {
        cancel();
        throw new Error('not connected');
      }
      const result = await answer;
      if (!result.ok) throw new Error(result.message);
      await log.markSent(batch.end);
      sent += batch.records.length;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(
      `the session's log records were not sent to the platform (${message}); they are kept for the next try`,
    );
    return { sent, error: message };
  }
}
