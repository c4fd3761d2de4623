import type { Logger } from '../log/index.js';
import { ServerEvent, parseClient } from '../protocol/index.js';
import type { ClientConnection } from './connection.js';
import { logText, storageFailure } from './log-text.js';
import type { ResolvedOptions } from './options.js';
import type { PlatformStore } from './store.js';
import type { TokenRegistry } from './token-registry.js';

/** `logs-send`: client log records stored per token (`logs/{tokenHash}.jsonl`), within a quota. */
export class ClientLogs {
  /** Client log bytes stored (or being stored) per token hash, against `maxLogBytes`. */
  private readonly logBytes = new Map<string, number>();

  constructor(
    private readonly options: Pick<ResolvedOptions, 'maxLogRecords' | 'maxLogBytes' | 'clock'>,
    private readonly store: PlatformStore,
    private readonly registry: TokenRegistry<ClientConnection>,
    private readonly log: Logger,
  ) {}

  /**
  Stores client log records, within a quota: at most `maxLogRecords` records in one message and
  `maxLogBytes` per token in all. A record that cannot be serialised (nested too deeply) is
  stored as a note saying so, so the others are not lost with it.
  */
  async send(token: string, conn: ClientConnection, raw: unknown, sessionId: number | null): Promise<void> {
    const parsed = parseClient.logsSend(raw);
    const refuse = (message: string) => {
      this.log.warn({ tokenHash: this.registry.hash(token) }, `logs-send refused: ${logText(message)}`);
      conn.emit(ServerEvent.logsSendError, { message });
    };
    if (!parsed.ok) return refuse(parsed.error);
    const { maxLogRecords, maxLogBytes } = this.options;
    const records = parsed.value.logs;
    if (records.length > maxLogRecords) {
      return refuse(
        `logs-send: ${records.length} records in one message; the limit is ${maxLogRecords} (send them in parts)`,
      );
    }
    const hash = this.registry.hash(token);
    const at = new Date(this.options.clock.now()).toISOString();
    const lines = records.map((record, i) => {
      try {
        return `${JSON.stringify({ at, sessionId, record })}\n`;
      } catch (error) {
        const why = error instanceof RangeError ? 'nested too deeply' : 'not serialisable';
        return `${JSON.stringify({ at, sessionId, record: { unstored: `logs[${i}] is ${why}` } })}\n`;
      }
    });
    const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    // Reserved before the write: two messages in flight cannot both slip under the quota.
    let used = this.logBytes.get(hash);
    if (used === undefined) {
      const onDisk = await this.store.logSize(hash);
      used = this.logBytes.get(hash) ?? onDisk;
    }
    if (used + bytes > maxLogBytes) {
      return refuse(
        `logs-send: the log quota of this token is used up (${used} of ${maxLogBytes} bytes stored; ` +
          `this message needs ${bytes})`,
      );
    }
    this.logBytes.set(hash, used + bytes);
    try {
      await this.store.appendLogs(hash, lines);
    } catch (error) {
      this.logBytes.set(hash, (this.logBytes.get(hash) ?? bytes) - bytes);
      this.log.error({ err: error, tokenHash: hash }, 'client logs not stored');
      conn.emit(ServerEvent.logsSendError, {
        message: `the platform could not store the logs: ${storageFailure(error)}`,
      });
      return;
    }
    conn.emit(ServerEvent.logsSendSuccess, { message: `stored ${records.length} log records` });
  }
}
