import { ServerEvent } from '../protocol/index.js';
import type { FileAvailablePayload } from '../protocol/index.js';
import type { SessionContext } from './context.js';
import { SessionError } from './errors.js';
import type { IncomingFile } from './pipeline.js';
import { findUnanswered, readEarlierRuns } from './recovery.js';

export interface ResumeOptions {
  context: SessionContext;
  /** The newest file this process knows of: the catch-up asks for what came after it. */
  lastFileId: () => string | undefined;
  /** Runs a file through the pipeline as this process's. */
  take: (file: IncomingFile, deadline: number, resumed: boolean) => void;
  /** A file the platform sent again (the same intake as a push). */
  onFile: (payload: FileAvailablePayload) => void;
}

/** The `lastFileId` of a catch-up from a process that holds no file yet: never a file id. */
export const NO_FILE_YET = '';

/**
Taking a session up again, after a reconnect or in a new process: replay what earlier processes
recorded, take up saved inputs that have no answer (late if their deadline has passed), ask for
the files pushed while away (one `session-file-repeat` per missed file, until the platform has
none) and resend the answers left in the outgoing store.
*/
export class Resume {
  readonly #o: ResumeOptions;
  readonly #c: SessionContext;
  /** Replaying the journal of earlier processes, before this one writes its own records. */
  #restoring: Promise<void> | undefined;
  /** Deadlines of files received by earlier processes. */
  #earlierDeadlines = new Map<string, number>();
  /** True deadlines of resumed files whose deadline had passed: they get a fresh budget but count as late. */
  readonly #lateAfter = new Map<string, number>();
  /** Files asked for again after a reconnect; set while the repeats bring files missed while away. */
  #catchingUp: Set<string> | undefined;

  constructor(options: ResumeOptions) {
    this.#o = options;
    this.#c = options.context;
    const { connector, pending, summary } = this.#c;
    connector.on(ServerEvent.fileRepeatSuccess, (p) => {
      // Catching up after a resume, the newest file comes back too: not again if it was answered.
      if (!(this.catchingUp && summary.answeredEarlier(p.fileId)))
        options.onFile({
          ...(p.sessionId !== undefined ? { sessionId: p.sessionId } : {}),
          fileId: p.fileId,
          content: p.content,
        });
      pending.settle('repeat', p.fileId);
      this.#caughtUp(p.fileId, p.missed === true);
    });
    connector.on('protocol-error', ({ event, error }) => {
      if (event !== ServerEvent.fileRepeatSuccess) return;
      // The intake saves the payload raw; the request it answered is over.
      this.#catchingUp = undefined;
      pending.reject('repeat', new SessionError(`the platform's answer is invalid: ${error}`, 'repeat'));
    });
    connector.on(ServerEvent.fileRepeatError, (p) => {
      this.#catchingUp = undefined;
      const error = new SessionError(`the platform has no file to repeat: ${p.message}`, 'repeat');
      if (!pending.reject('repeat', error)) this.#c.logger.info(error.message);
    });
  }

  /** Whether a catch-up is running (its repeats bring files missed while away). */
  get catchingUp(): boolean {
    return this.#catchingUp !== undefined;
  }

  /** The deadline a file is late after, when a resume gave it a fresh budget past its own. */
  lateAfter(fileId: string): number | undefined {
    return this.#lateAfter.get(fileId);
  }

  /** Replays the journal in `dir`, then calls `opened` so this process can append to it. */
  restore(dir: string, opened: () => void): void {
    this.#restoring = (async () => {
      try {
        const earlier = await readEarlierRuns(dir);
        this.#c.summary.restore(earlier.state, earlier);
        this.#earlierDeadlines = earlier.deadlines;
        await this.#restoreRefused();
      } catch (error) {
        this.#c.logger.error(
          { err: error },
          'could not read the records of the earlier runs of this session',
        );
      } finally {
        opened();
      }
    })();
  }

  /** Pushes earlier processes refused count in the whole session's summary too. */
  async #restoreRefused(): Promise<void> {
    const sessionId = this.#c.sessionId;
    if (sessionId === undefined) return;
    const refused = this.#c.summary.refused;
    // This process may have refused (and indexed) a push already: each is listed once.
    const key = (r: { at: string; event: string; reason: string; fileId?: string }) =>
      JSON.stringify([r.at, r.event, r.reason, r.fileId]);
    const known = new Set(refused.map(key));
    const earlier = (await this.#c.store.readRefused(sessionId)).filter((r) => !known.has(key(r)));
    refused.unshift(...earlier);
  }

  /** Resolves once the earlier records are replayed (at once when there were none to read). */
  async restored(): Promise<void> {
    await this.#restoring;
  }

  async resume(): Promise<void> {
    await this.#sweep();
    try {
      await this.#recoverInputs();
    } catch (error) {
      this.#c.logger.error({ err: error }, 'could not take up the saved inputs');
    }
    if (this.#c.ending) return;
    this.#catchingUp = new Set();
    // A catch-up request always carries `lastFileId` (docs/protocol.md §5.4): a placeholder when
    // this process holds no file yet, since a plain repeat is a different request.
    this.#c.connector.getFile({ lastFileId: this.#o.lastFileId() ?? NO_FILE_YET });
    void this.#c.outbox
      ?.drain()
      .catch((error: unknown) => this.#c.logger.error({ err: error }, 'resending answers failed'));
  }

  /**
  A catch-up repeat brought a file: while the answers say `missed: true`, ask for the next. A
  falsy `missed` (a plain repeat's answer, or no file missed) or the same file twice ends it.
  */
  #caughtUp(fileId: string, missed: boolean): void {
    const asked = this.#catchingUp;
    if (asked === undefined) return;
    if (!missed || asked.has(fileId) || this.#c.ending || !this.#c.connector.connected) {
      this.#catchingUp = undefined;
      return;
    }
    asked.add(fileId);
    this.#c.connector.getFile({ lastFileId: fileId });
  }

  /** Removes what writers of an earlier process, killed mid-write, left (never this process's own). */
  async #sweep(): Promise<void> {
    const sessionId = this.#c.sessionId;
    if (sessionId === undefined) return;
    try {
      const removed = await this.#c.store.removeStaleTemporaryFiles(sessionId);
      if (removed > 0) this.#c.logger.info(`removed ${removed} temporary file(s) of interrupted writes`);
    } catch (error) {
      this.#c.logger.warn({ err: error }, 'could not remove the temporary files of interrupted writes');
    }
  }

  /** Every saved input of this session with no accepted answer and none in the outgoing store goes through the pipeline. */
  async #recoverInputs(): Promise<void> {
    const { summary, clock } = this.#c;
    const sessionId = this.#c.sessionId;
    const outbox = this.#c.outbox;
    if (sessionId === undefined || outbox === undefined) return;
    await this.#restoring;
    const answered = summary.merged().lists;
    const fileMs = this.#c.fileTimeMs();
    const inputs = await findUnanswered({
      store: this.#c.store,
      sessionId,
      outgoing: outbox.store,
      settled: (fileId) =>
        summary.has('received', fileId) || answered.accepted.has(fileId) || answered.kept.has(fileId),
      deadlineOf: (fileId, savedAt) => this.#earlierDeadlines.get(fileId) ?? savedAt + fileMs,
    });
    if (inputs.length > 0)
      this.#c.logger.info(`taking up ${inputs.length} saved file(s) that have no answer yet`);
    for (const input of inputs) {
      // Checked again: a repeat may have brought the same file while the inputs were read.
      if (summary.has('received', input.fileId) || this.#c.ending) continue;
      const now = clock.now();
      const late = input.deadline <= now;
      // A file past its deadline is late whatever happens: give its markup a whole file time.
      if (late) this.#lateAfter.set(input.fileId, input.deadline);
      this.#o.take(
        {
          sessionId,
          fileId: input.fileId,
          content: input.text,
          receivedAt: late ? now : input.deadline - fileMs,
        },
        input.deadline,
        true,
      );
    }
  }
}
