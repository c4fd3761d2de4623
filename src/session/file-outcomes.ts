import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import type { OpenFiles } from './open-files.js';
import type { AckResult } from './outbox.js';
import type { OutgoingEntry } from './outgoing-store.js';
import type { Decision, IncomingFile } from './pipeline.js';
import type { SessionEvents } from './session-events.js';
import type { FailureStage } from './summary.js';

/** A session's own (protected) `emit`, handed to its parts. */
export type EmitSessionEvent = <E extends keyof SessionEvents & string>(
  event: E,
  ...args: SessionEvents[E]
) => void;

export interface FileOutcomesOptions {
  emit: EmitSessionEvent;
  files: OpenFiles;
  clock: Clock;
  logger: () => Logger;
  /** The deadline a resumed file is late after, when a resume gave it a fresh budget past its own. */
  lateAfter: (fileId: string) => number | undefined;
}

/**
What becomes of each file a session took, told as the session's events (received, marked, sent,
accepted or rejected, failed); a file is closed, for `idle`, when it reaches its end state.
*/
export class FileOutcomes {
  constructor(private readonly o: FileOutcomesOptions) {}

  received(file: IncomingFile, deadline: number, resumed: boolean): void {
    this.o.emit('file-received', {
      fileId: file.fileId,
      sessionId: file.sessionId,
      deadline,
      hr: process.hrtime.bigint(),
      ...(resumed ? { resumed: true } : {}),
    });
  }

  decided(file: IncomingFile, decision: Decision): void {
    const outcome = decision.kind === 'skip' ? 'skipped' : decision.kind;
    const reason = 'reason' in decision ? decision.reason : undefined;
    this.o.emit('file-marked', { fileId: file.fileId, outcome, ...(reason !== undefined ? { reason } : {}) });
    if (decision.kind === 'kept') this.o.files.close(file.fileId);
  }

  sent(entry: OutgoingEntry, resend: boolean): void {
    const hr = process.hrtime.bigint();
    const deadline = this.o.lateAfter(entry.fileId) ?? entry.deadline;
    const late = deadline !== undefined && this.o.clock.now() > deadline;
    this.o.emit('file-sent', { fileId: entry.fileId, late, resend, hr });
  }

  /** Counted at once (a close may follow in the same breath); the stores are updated by the outbox. */
  answered(result: AckResult): void {
    if (result.accepted) {
      this.o.emit('file-accepted', { fileId: result.fileId });
    } else {
      // A refusal is always reported with a message, even when the platform sends an empty one.
      const message = result.message?.trim()
        ? result.message
        : 'refused by the platform, which gave no reason';
      this.o
        .logger()
        .warn({ fileId: result.fileId }, `the platform rejected file ${result.fileId}: ${message}`);
      this.o.emit('file-rejected', { fileId: result.fileId, message });
    }
    this.o.files.close(result.fileId);
  }

  failed(fileId: string, stage: FailureStage, message: string): void {
    this.o.emit('file-failed', { fileId, stage, message });
    this.o.files.close(fileId);
  }
}
