import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import type { Marker } from '../markup/index.js';
import type { SessionId } from '../protocol/index.js';
import type { Connector } from './connector/index.js';
import type { OutgoingStore } from './outgoing-store.js';
import type { AnswerTimeouts } from './pending.js';
import type { MarkupFailurePolicy } from './pipeline.js';
import type { Durability } from './store.js';

export interface SessionOptions {
  connector: Connector;
  marker: Marker;
  /** Root of `sessions/{id}/{input,output}` and `sessions/current.json`. */
  filesDir: string;
  logger?: Logger;
  /** Markups running at once. @default 4 */
  concurrency?: number;
  /** @default 'send-unmarked' */
  onMarkupFailure?: MarkupFailurePolicy;
  /** Real time per protocol time (the local platform's time scale). @default 1 */
  timeScale?: number;
  /** Safety margin before a deadline: `max(minMs, ratio × file time)`. @default { ratio: 0.1, minMs: 1000 × timeScale } */
  safetyMargin?: { ratio?: number; minMs?: number };
  /**
  How much is flushed to the disk before an answer goes out (see `Durability`): the input (its
  markup runs meanwhile), with `fsync-all` also the output and the outgoing entry.
  @default 'fsync-input'
  */
  durability?: Durability;
  /**
  Builds the outgoing store of a session. @default a `JournalOutgoingStore` in
  `{sessionDir}/outgoing.jsonl`, flushed with `fsync-all` (`FileOutgoingStore` is the
  file-per-answer alternative)
  */
  outgoingStore?: (sessionDir: string) => OutgoingStore;
  /** A resend waits this long for its answer before the next one goes. @default 10000 */
  ackTimeoutMs?: number;
  /**
  How long `session-start`, `session-reconnect`, `session-file-repeat` and `session-client-abort`
  wait for their answer (real ms, one number for all or per request) before they fail with a
  `SessionError`. @default 30000 each (`DEFAULT_ANSWER_TIMEOUT_MS`)
  */
  answerTimeoutMs?: AnswerTimeouts;
  /** At the end, in-flight work gets this long to finish or be persisted. @default 10000 */
  drainTimeoutMs?: number;
  /** Resuming without a start: the session id (from `current.json`). */
  sessionId?: SessionId;
  /** Resuming without a start: seconds per file. @default 60 */
  fileTimeSec?: number;
  /** Host recorded in `current.json` (never the token). */
  host?: string;
  /** Masked in the log records sent to the platform (`client-log.jsonl`), e.g. the token. */
  secrets?: readonly string[];
  /** `logs-send` at the end of the session waits this long for each answer. @default 3000 */
  logsTimeoutMs?: number;
  /** Deadlines, timeouts and timestamps. @default the system clock */
  clock?: Clock;
}
