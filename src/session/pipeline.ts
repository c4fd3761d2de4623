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

/**
The path of one essay: parse → save the input while the markup runs (bounded, with the deadline
policy) → once the input is on disk, send → write the output file and the outgoing entry beside
the send (before it with `fsync-all`). What each durability level writes before a send:
src/session/README.md ("What is on disk when").
*/
export class Pipeline {
  constructor(private readonly o: PipelineOptions) {}

  async process(file: IncomingFile, controller: AbortController): Promise<void> {
    const { hooks } = this.o;
    const incoming = readIncoming(file.content, file.fileId);
    // Started before anything else and awaited before anything goes out: the essay is in memory,
    // so the markup need not wait for the disk, but no answer leaves before its input is saved.
    const saved = this.#saveInput(file, incoming.text, incoming.essay === undefined);
    if (incoming.essay === undefined) {
      await saved;
      this.o
        .logger()
        .error(
          { fileId: file.fileId, error: incoming.error },
          `file ${file.fileId} is not a readable essay: ${incoming.error}`,
        );
      hooks.failed(file, 'malformed', incoming.error);
      return;
    }
    if (!hooks.acceptsWork()) {
      await saved;
      hooks.failed(file, 'stopped', 'received after the stop request; saved, not marked');
      return;
    }
    const essay = incoming.essay;
    const decision = await this.#decide(file, essay, controller);
    await saved;
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
    await this.#send(file, entry);
  }

  /** Resolves once the input is on disk (flushed unless `atomic`) or could not be saved (logged: the essay goes on in memory). */
  #saveInput(file: IncomingFile, text: string, malformed: boolean): Promise<void> {
    return this.o.store.saveInput(file.sessionId, file.fileId, text, malformed).then(
      (path) => this.o.hooks.saved(file, path, malformed),
      (error: unknown) => {
        this.o
          .logger()
          .error(
            { err: error, fileId: file.fileId },
            'could not save the received essay; going on with it in memory',
          );
        this.o.hooks.saved(file, undefined, malformed);
      },
    );
  }

  /**
  Sends the answer, and writes it to output/ and to the outgoing store beside the send: both can
  be rebuilt from the saved input (a resume marks an input with no accepted answer again), so
  the send does not wait for them, except with `fsync-all`, which flushes both first. The outbox
  holds the entry in memory from the `put` on, so a drain can resend it before it is written.
  Resolves once both writes are done or failed (a failure is logged; nothing is sent twice).
  */
  async #send(file: IncomingFile, entry: OutgoingEntry): Promise<void> {
    const { store, hooks } = this.o;
    const outbox = this.o.outbox();
    const put = outbox.put(entry);
    const before = store.durability === 'fsync-all';
    let persisted = before ? this.#persist(file, entry, put) : undefined;
    if (persisted) await persisted;
    if (!hooks.canSend()) {
      await (persisted ?? this.#persist(file, entry, put));
      hooks.failed(
        file,
        'session-ended',
        'the session ended before the answer could be sent; it is saved in output/',
      );
      return;
    }
    outbox.send(entry);
    persisted ??= this.#persist(file, entry, put);
    await persisted;
  }

  #persist(file: IncomingFile, entry: OutgoingEntry, put: Promise<void>): Promise<void> {
    return Promise.all([this.o.store.saveOutput(file.sessionId, file.fileId, entry.content), put]).then(
      () => undefined,
      (error: unknown) =>
        this.o
          .logger()
          .error(
            { err: error, fileId: file.fileId },
            'could not persist the answer (output file or outgoing store); it is sent or held for a resend',
          ),
    );
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
