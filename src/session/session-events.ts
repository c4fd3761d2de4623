import type { SessionId } from '../protocol/index.js';
import type { SessionSummary, FailureStage } from './summary.js';

/** Progress events of a `Session`. `hr` fields are `process.hrtime.bigint()` at the moment, for benchmarks. */
export interface SessionEvents {
  connected: [info: { reconnect: boolean }];
  /** `resumed`: this process took up a session started earlier (`reconnect`). */
  started: [info: { sessionId: SessionId; resumed?: boolean }];
  /** `resumed`: an input saved by an earlier process (or before a Ctrl+C), taken up again from disk. */
  'file-received': [
    info: { fileId: string; sessionId: SessionId; deadline: number; hr: bigint; resumed?: boolean },
  ];
  'file-saved': [info: { fileId: string; path: string | undefined; malformed: boolean }];
  'file-marked': [
    info: { fileId: string; outcome: 'marked' | 'unmarked' | 'kept' | 'skipped'; reason?: string },
  ];
  'file-sent': [info: { fileId: string; late: boolean; resend: boolean; hr: bigint }];
  'file-accepted': [info: { fileId: string }];
  'file-rejected': [info: { fileId: string; message: string }];
  'file-failed': [info: { fileId: string; stage: FailureStage; message: string }];
  reconnecting: [info: { attempt: number; delayMs: number }];
  disconnected: [info: { reason: string; willReconnect: boolean }];
  closed: [summary: SessionSummary];
}
