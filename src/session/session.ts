import { systemClock } from '../clock/index.js';
import type { Clock } from '../clock/index.js';
import type { Essay } from '../essay/index.js';
import { silentLogger } from '../log/index.js';
import type { Logger } from '../log/index.js';
import { ServerEvent } from '../protocol/index.js';
import type { SessionId } from '../protocol/index.js';
import type { Connector } from './connector/index.js';
import { SessionError } from './errors.js';
import { FileOutcomes } from './file-outcomes.js';
import { liveContext } from './context.js';
import type { SessionContext } from './context.js';
import { Limiter } from './limiter.js';
import { sessionOutbox } from './outbox.js';
import type { AckResult, Outbox } from './outbox.js';
import { newEntry } from './outgoing-store.js';
import { Intake } from './intake.js';
import type { AcceptedPush } from './intake.js';
import { PendingRequests } from './pending.js';
import { Pipeline, deadlineOptions } from './pipeline.js';
import type { IncomingFile } from './pipeline.js';
import { Recorder } from './recorder.js';
import { Resume } from './resume.js';
import type { SessionEvents } from './session-events.js';
import type { SessionOptions } from './session-options.js';
import { shutDown, wireEnds } from './shutdown.js';
import { OpenFiles } from './open-files.js';
import { StartHandshake } from './start-handshake.js';
import { buildStartRequest, fileTimeSec } from './start-options.js';
import type { StartOptions } from './start-options.js';
import { SessionStore } from './store.js';
import { SummaryBuilder } from './summary.js';
import type { EndReason, SessionSummary } from './summary.js';
import { traceConnector } from './traced-connector.js';
import { TypedEmitter } from './typed-emitter.js';

/**
One exchange session with the platform: start, resume, repeat, send, abort, with progress
events and a `done` promise that resolves with the summary however the session ends. The parts
live in their own files: the start handshake, resume and catch-up, pending requests, the
per-file pipeline, the outbox, the recorder and the shutdown; this class is the public API and
the intake of pushed files.
*/
export class Session extends TypedEmitter<SessionEvents> {
  /** Resolves with the summary when the session ends; never rejects. */
  readonly done: Promise<SessionSummary>;
  readonly store: SessionStore;
  readonly #o: SessionOptions;
  readonly #clock: Clock;
  readonly #connector: Connector;
  readonly #baseLogger: Logger;
  #logger: Logger;
  readonly #summary = new SummaryBuilder();
  readonly #recorder: Recorder;
  readonly #context: SessionContext;
  readonly #pending: PendingRequests;
  readonly #intake: Intake;
  readonly #handshake: StartHandshake;
  readonly #resume: Resume;
  readonly #pipeline: Pipeline;
  readonly #files = new OpenFiles();
  readonly #outcomes: FileOutcomes;
  #resolveDone!: (summary: SessionSummary) => void;
  #sessionId: SessionId | undefined;
  #outbox: Outbox | undefined;
  #fileTimeSec: number;
  #lastFileId: string | undefined;
  #ending: EndReason | undefined;

  constructor(options: SessionOptions) {
    super();
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#baseLogger = options.logger ?? silentLogger();
    this.#logger = this.#baseLogger.child({ module: 'session' });
    this.#connector = traceConnector(options.connector, () => this.#logger);
    // First listener: the summary is up to date before anyone else hears of an event.
    this.#recorder = new Recorder(this, {
      summary: this.#summary,
      clock: this.#clock,
      sessionId: () => this.#sessionId,
      logger: () => this.#logger,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
    this.store = new SessionStore(options.filesDir, {
      ...(options.durability !== undefined ? { durability: options.durability } : {}),
    });
    this.#fileTimeSec = options.fileTimeSec ?? 60;
    this.#pending = new PendingRequests({ clock: this.#clock, timeoutMs: options.answerTimeoutMs });
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    this.#context = liveContext(
      {
        connector: this.#connector,
        store: this.store,
        summary: this.#summary,
        pending: this.#pending,
        clock: this.#clock,
        fileTimeMs: () => this.#fileTimeMs(),
      },
      {
        logger: () => this.#logger,
        sessionId: () => this.#sessionId,
        outbox: () => this.#outbox,
        ending: () => this.#ending !== undefined,
      },
    );
    this.#intake = new Intake({
      context: this.#context,
      accept: (push, receivedAt) => this.#accept(push, receivedAt),
      refused: (push) => this.#summary.refused.push(push),
    });
    this.#handshake = new StartHandshake({
      context: this.#context,
      attach: (sessionId, fresh) => this.#attach(sessionId, fresh),
      resume: () => void this.#resume.resume(),
    });
    this.#resume = new Resume({
      context: this.#context,
      lastFileId: () => this.#lastFileId,
      take: (file, deadline, resumed) => this.#take(file, deadline, resumed),
      onFile: (payload) => this.#intake.push(payload),
    });
    this.#outcomes = new FileOutcomes({
      emit: (event, ...args) => this.emit(event, ...args),
      files: this.#files,
      clock: this.#clock,
      logger: () => this.#logger,
      lateAfter: (fileId) => this.#resume.lateAfter(fileId),
    });
    this.#pipeline = this.#buildPipeline(options);
    if (options.sessionId !== undefined) this.#attach(options.sessionId);
    this.#wire();
  }

  get sessionId(): SessionId | undefined {
    return this.#sessionId;
  }

  get ended(): boolean {
    return this.#ending !== undefined;
  }

  /** Validates the options (before anything is sent), connects, starts; resolves with the session id. */
  async start(options: StartOptions = {}): Promise<SessionId> {
    const request = buildStartRequest(options);
    this.#fileTimeSec = fileTimeSec(request);
    await this.#connect();
    const sessionId = await this.#handshake.start(request);
    await this.#began(sessionId);
    this.#recorder.run(false, { request });
    return sessionId;
  }

  /**
  Re-attaches to the token's active session (`session-reconnect`) and takes up every saved input
  that has no answer yet (late if its deadline has passed), asks for the files pushed while away
  and resends the answers still in the outgoing store.
  */
  async reconnect(): Promise<SessionId> {
    await this.#connect();
    const sessionId = await this.#handshake.reconnect();
    await this.#began(sessionId);
    this.#recorder.run(true, {});
    this.emit('started', { sessionId, resumed: true });
    this.#lastFileId ??= await this.store.newestInputFileId(sessionId);
    await this.#resume.resume();
    return sessionId;
  }

  /** Asks for the current file (`session-file-repeat`); resolves with its id once it arrived. */
  async repeatFile(lastFileId?: string): Promise<string> {
    await this.#connect();
    const answer = this.#pending.expect<string>('repeat');
    this.#connector.getFile(lastFileId === undefined ? {} : { lastFileId });
    return answer;
  }

  /** Sends an answer by hand (through the outgoing store); resolves with the platform's answer. */
  async sendFile(fileId: string, essay: Essay): Promise<AckResult | undefined> {
    const sessionId = this.#sessionId;
    if (sessionId === undefined) throw new SessionError('no session: start or reconnect first', 'no-session');
    const entry = newEntry({
      fileId,
      sessionId,
      content: JSON.stringify(essay.toJSON()),
      now: this.#clock.now(),
    });
    const outbox = this.#requireOutbox();
    await Promise.all([this.store.saveOutput(sessionId, fileId, entry.content), outbox.put(entry)]);
    const answer = outbox.waitFor(fileId);
    outbox.send(entry);
    return answer;
  }

  /** Ends the session on the platform (`session-client-abort`). The summary follows in `done`. */
  async abort(message = 'aborted by the participant'): Promise<void> {
    await this.#connect();
    const answer = this.#pending.expect<void>('abort');
    this.#connector.abort({
      ...(this.#sessionId !== undefined ? { sessionId: this.#sessionId } : {}),
      message,
    });
    await answer;
  }

  /**
  Stops locally without ending the session on the platform (Ctrl+C): no new markups, in-flight
  answers finish and are sent or stay in the outgoing store, then the connection closes.
  `readable session reconnect` resumes later.
  */
  stop(): Promise<SessionSummary> {
    void this.#finish('stopped');
    return this.done;
  }

  /** Like `stop`, for a session used for one operation (repeat, send): the normal end of that use. */
  close(): Promise<SessionSummary> {
    void this.#finish('done');
    return this.done;
  }

  /** Resolves when every received file has reached an end state (answered, kept or failed). */
  idle(): Promise<void> {
    return this.#files.idle();
  }

  #buildPipeline(options: SessionOptions): Pipeline {
    return new Pipeline({
      ...deadlineOptions(options),
      store: this.store,
      marker: options.marker,
      limiter: new Limiter(options.concurrency ?? 4),
      outbox: () => this.#requireOutbox(),
      clock: this.#clock,
      policy: options.onMarkupFailure ?? 'send-unmarked',
      fileTimeMs: () => this.#fileTimeMs(),
      logger: () => this.#logger,
      hooks: {
        saved: (file, path, malformed) => this.emit('file-saved', { fileId: file.fileId, path, malformed }),
        decided: (file, decision) => this.#outcomes.decided(file, decision),
        failed: (file, stage, message) => this.#outcomes.failed(file.fileId, stage, message),
        canSend: () => this.#ending === undefined || this.#ending === 'stopped' || this.#ending === 'done',
        acceptsWork: () => this.#ending === undefined,
      },
    });
  }

  #wire(): void {
    const c = this.#connector;
    c.on('connected', ({ reconnect }) => {
      this.emit('connected', { reconnect });
      if (!reconnect) return;
      if (this.#sessionId !== undefined && this.#ending === undefined) void this.#resume.resume();
      else this.#handshake.lineBack();
    });
    c.on('disconnected', (info) => {
      this.#outbox?.interrupt();
      this.emit('disconnected', info);
    });
    c.on('reconnecting', (info) => this.emit('reconnecting', info));
    c.on('protocol-error', ({ event, error }) =>
      this.#logger.warn({ event }, `ignored a malformed ${event}: ${error}`),
    );
    // Every push goes through the intake: held until the session id is known, refused if not ours.
    c.on(ServerEvent.fileAvailable, (p) => this.#intake.push(p));
    c.on(ServerEvent.fileSendSuccess, (p) => this.#onAck({ fileId: p.fileId, accepted: true }));
    c.on(ServerEvent.fileSendError, (p) =>
      this.#onAck({ fileId: p.fileId, accepted: false, message: p.message ?? 'refused without a message' }),
    );
    wireEnds(this.#context, (reason, error) => void this.#finish(reason, error));
  }

  async #connect(): Promise<void> {
    if (this.#ending !== undefined) throw new SessionError('the session has ended', 'closed');
    if (this.#connector.connected) return;
    await this.#connector.connect();
  }

  /** `fresh`: a session this process started, with no earlier records to replay. */
  #attach(sessionId: SessionId, fresh = false): void {
    if (this.#sessionId !== undefined) return;
    this.#sessionId = sessionId;
    this.#summary.sessionId = sessionId;
    this.#logger = this.#baseLogger.child({ module: 'session', sessionId });
    const dir = this.store.sessionDir(sessionId);
    this.#summary.dir = dir;
    if (fresh) this.#recorder.open(dir);
    else this.#resume.restore(dir, () => this.#recorder.open(dir));
    this.#outbox = sessionOutbox(sessionId, {
      store: this.store,
      connector: this.#connector,
      clock: this.#clock,
      logger: this.#logger,
      ...(this.#o.outgoingStore ? { outgoingStore: this.#o.outgoingStore } : {}),
      ...(this.#o.ackTimeoutMs !== undefined ? { ackTimeoutMs: this.#o.ackTimeoutMs } : {}),
      onSent: (entry, resend) => this.#outcomes.sent(entry, resend),
    });
    if (fresh) this.emit('started', { sessionId });
    this.#intake.attached();
  }

  async #began(sessionId: SessionId): Promise<void> {
    this.#attach(sessionId);
    await this.#recorder.current(this.store, {
      sessionId,
      host: this.#o.host ?? '',
      startedAt: new Date(this.#clock.now()).toISOString(),
      fileTimeSec: this.#fileTimeSec,
      timeScale: this.#o.timeScale ?? 1,
    });
  }

  #fileTimeMs(): number {
    return this.#fileTimeSec * 1000 * (this.#o.timeScale ?? 1);
  }

  #requireOutbox(): Outbox {
    if (!this.#outbox)
      throw new SessionError('no session id yet: files arrive only after a start or reconnect', 'no-session');
    return this.#outbox;
  }

  #accept(push: AcceptedPush, receivedAt: number): void {
    // A repeat of a file we already hold (or the same push twice) must not be marked twice.
    if (this.#summary.has('received', push.fileId)) return;
    this.#lastFileId = push.fileId;
    this.#take({ ...push, receivedAt }, receivedAt + this.#fileTimeMs(), false);
  }

  /** Counts the file as this process's and runs it through the pipeline. */
  #take(file: IncomingFile, deadline: number, resumed: boolean): void {
    this.#outcomes.received(file, deadline, resumed);
    this.#files.track(file.fileId, (controller) =>
      this.#pipeline
        .process(file, controller)
        .catch((error: unknown) =>
          this.#outcomes.failed(
            file.fileId,
            'markup',
            error instanceof Error ? error.message : String(error),
          ),
        ),
    );
  }

  /** Counts the answer at once (a close may follow in the same breath), then updates the stores. */
  #onAck(result: AckResult): void {
    this.#outcomes.answered(result);
    this.#outbox?.acknowledge(result);
  }

  async #finish(reason: EndReason, error?: Error): Promise<void> {
    if (this.#ending !== undefined) return;
    this.#ending = reason;
    const summary = await shutDown(
      {
        context: this.#context,
        recorder: this.#recorder,
        files: this.#files,
        restored: () => this.#resume.restored(),
        released: () => this.#intake.release(),
        drainTimeoutMs: this.#o.drainTimeoutMs ?? 10_000,
        logsTimeoutMs: this.#o.logsTimeoutMs ?? 3000,
      },
      reason,
      error,
    );
    this.emit('closed', summary);
    this.#resolveDone(summary);
  }
}
