import type { Clock, TimerHandle } from '../clock/index.js';
import type { Essay } from '../essay/index.js';
import type { Logger } from '../log/index.js';
import type { Marker } from '../markup/index.js';
import type { SessionId, WireEssay } from '../protocol/index.js';
import type { Limiter } from './limiter.js';
import { newEntry } from './outgoing-store.js';
import type { OutgoingEntry } from './outgoing-store.js';
import type { Outbox } from './outbox.js';
import { readIncoming } from './read-incoming.js';
import type { SessionStore } from './store.js';
import type { FailureStage } from './summary.js';

/**
What to do when a markup throws, returns an invalid essay, or is still running close to the
deadline. The session never dies of it.
- `send-unmarked` (default): a failed markup → send the essay unmarked at once; a markup still
  running at deadline − safety margin → abort it and send the essay unmarked, on time.
- `send-late`: a failed markup → send unmarked at once; a slow one → wait for it and send late
  (the platform stores late answers while the session is open).
- `skip`: send nothing for that file (a slow markup is aborted at deadline − margin).
*/
export type MarkupFailurePolicy = 'send-unmarked' | 'send-late' | 'skip';

export const MARKUP_FAILURE_POLICIES: readonly MarkupFailurePolicy[] = ['send-unmarked', 'send-late', 'skip'];

export interface IncomingFile {
  sessionId: SessionId;
  fileId: string;
  content: WireEssay;
  /** Epoch ms at receipt: the platform's clock for this file starts about now. */
  receivedAt: number;
}

export type Decision =
  | { kind: 'marked'; essay: Essay }
  | { kind: 'kept' }
  | { kind: 'unmarked'; reason: string }
  | { kind: 'skip'; reason: string };

export interface PipelineHooks {
  saved(file: IncomingFile, path: string | undefined, malformed: boolean): void;
  decided(file: IncomingFile, decision: Decision): void;
  failed(file: IncomingFile, stage: FailureStage, message: string): void;
  /** Whether an answer can still reach the platform (false once the session is over). */
  canSend(): boolean;
  /** Whether new markups may start (false after Ctrl+C). */
  acceptsWork(): boolean;
}

export interface PipelineOptions {
  store: SessionStore;
  marker: Marker;
  limiter: Limiter;
  outbox: () => Outbox;
  clock: Clock;
  policy: MarkupFailurePolicy;
  /** Real milliseconds a file has, from receipt to deadline. */
  fileTimeMs: () => number;
  /** Safety margin before the deadline, in real ms. */
  marginMs: (fileTimeMs: number) => number;
  /** Read at each use: the session's logger gains the session id once it is known. */
  logger: () => Logger;
  hooks: PipelineHooks;
}

/** The safety margin before each deadline, from a session's `timeScale` and `safetyMargin` options. */
export function deadlineOptions(options: {
  timeScale?: number;
  safetyMargin?: { ratio?: number; minMs?: number };
}): Pick<PipelineOptions, 'marginMs'> {
  const ratio = options.safetyMargin?.ratio ?? 0.1;
  const minMs = options.safetyMargin?.minMs ?? 1000 * (options.timeScale ?? 1);
  return { marginMs: (fileTimeMs) => Math.max(minMs, ratio * fileTimeMs) };
}

/** The path of one essay: save input → mark (bounded, with the deadline policy) → save output → send. */
export class Pipeline {
  constructor(private readonly o: PipelineOptions) {}

  async process(file: IncomingFile, controller: AbortController): Promise<void> {
    const { store, hooks } = this.o;
    const logger = this.o.logger();
    const incoming = readIncoming(file.content, file.fileId);
    let inputPath: string | undefined;
    try {
      // Before anything else: whatever happens next, what the platform pushed is on disk.
      inputPath = await store.saveInput(
        file.sessionId,
        file.fileId,
        incoming.text,
        incoming.essay === undefined,
      );
    } catch (error) {
      logger.error(
        { err: error, fileId: file.fileId },
        'could not save the received essay; going on with it in memory',
      );
    }
    hooks.saved(file, inputPath, incoming.essay === undefined);
    if (incoming.essay === undefined) {
      logger.error(
        { fileId: file.fileId, error: incoming.error },
        `file ${file.fileId} is not a readable essay: ${incoming.error}`,
      );
      hooks.failed(file, 'malformed', incoming.error);
      return;
    }
    if (!hooks.acceptsWork()) {
      hooks.failed(file, 'stopped', 'received after the stop request; saved, not marked');
      return;
    }
    const essay = incoming.essay;
    const decision = await this.#decide(file, essay, controller);
    hooks.decided(file, decision);
    if (decision.kind === 'kept') return;
    if (decision.kind === 'skip') {
      hooks.failed(file, 'markup', decision.reason);
      return;
    }
    const answer = decision.kind === 'marked' ? decision.essay : essay;
    const entry = newEntry({
      fileId: file.fileId,
      sessionId: file.sessionId,
      // Compact: the same text goes to output/ and on the wire, and pretty-printing 10 KB per file costs.
      content: JSON.stringify(answer.toJSON()),
      deadline: file.receivedAt + this.o.fileTimeMs(),
      now: this.o.clock.now(),
    });
    await this.#store(file, entry);
  }

  async #store(file: IncomingFile, entry: OutgoingEntry): Promise<void> {
    const outbox = this.o.outbox();
    try {
      // Both writes are needed before sending; doing them together halves the wait.
      await Promise.all([
        this.o.store.saveOutput(file.sessionId, file.fileId, entry.content),
        outbox.put(entry),
      ]);
    } catch (error) {
      this.o
        .logger()
        .error({ err: error, fileId: file.fileId }, 'could not persist the answer; sending it anyway');
    }
    if (!this.o.hooks.canSend()) {
      this.o.hooks.failed(
        file,
        'session-ended',
        'the session ended before the answer could be sent; it is saved in output/',
      );
      return;
    }
    outbox.send(entry);
  }

  #decide(file: IncomingFile, essay: Essay, controller: AbortController): Promise<Decision> {
    const { policy, marker, limiter } = this.o;
    const logger = this.o.logger();
    const fileTimeMs = this.o.fileTimeMs();
    const deadline = file.receivedAt + fileTimeMs;
    const cutoffMs = deadline - this.o.marginMs(fileTimeMs) - this.o.clock.now();
    return new Promise<Decision>((resolve) => {
      let settled = false;
      let timer: TimerHandle | undefined;
      const settle = (decision: Decision) => {
        if (settled) return;
        settled = true;
        timer?.cancel();
        resolve(decision);
      };
      const fallback = (reason: string): Decision =>
        policy === 'skip' ? { kind: 'skip', reason } : { kind: 'unmarked', reason };
      if (policy !== 'send-late') {
        timer = this.o.clock.setTimeout(
          () => {
            const reason = `markup did not finish before the deadline safety margin (${Math.round(fileTimeMs)} ms per file)`;
            logger.warn({ fileId: file.fileId, policy }, `file ${file.fileId}: ${reason}; policy ${policy}`);
            controller.abort(new Error(reason));
            settle(fallback(reason));
          },
          Math.max(0, cutoffMs),
        );
      }
      void limiter.acquire().then(async (release) => {
        try {
          if (settled || controller.signal.aborted) {
            settle(fallback('aborted before the markup started'));
            return;
          }
          const outputDir = this.o.store.outputDir(file.sessionId);
          const result = await marker.markup(essay, {
            fileId: file.fileId,
            deadline,
            signal: controller.signal,
            outputDir,
          });
          settle(result === null ? { kind: 'kept' } : { kind: 'marked', essay: result });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (!settled)
            logger.warn({ fileId: file.fileId, policy }, `file ${file.fileId}: ${reason}; policy ${policy}`);
          settle(fallback(reason));
        } finally {
          release();
        }
      });
    });
  }
}
