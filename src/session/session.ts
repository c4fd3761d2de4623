import { join } from 'node:path';
import type { Essay } from '../essay/index.js';
import { silentLogger } from '../log.js';
import type { Logger } from '../log.js';
import type { Marker } from '../markup/index.js';
import { ServerEvent } from '../protocol/index.js';
import type { FileAvailablePayload, SessionId, StartRequest } from '../protocol/index.js';
import { ClientLog } from './client-log.js';
import type { ClientLogRecord } from './client-log.js';
import type { Connector } from './connector/index.js';
import { SessionError, isSessionError } from './errors.js';
import { Limiter } from './limiter.js';
import { shipLogs } from './logs-shipper.js';
import { Outbox } from './outbox.js';
import type { AckResult } from './outbox.js';
import { JournalOutgoingStore, OUTGOING_JOURNAL } from './journal-outgoing-store.js';
import { newEntry } from './outgoing-store.js';
import type { OutgoingEntry, OutgoingStore } from './outgoing-store.js';
import { Pipeline } from './pipeline.js';
import type { Decision, IncomingFile, MarkupFailurePolicy } from './pipeline.js';
import { findUnanswered, readEarlierRuns } from './recovery.js';
import { buildStartRequest, fileTimeSec } from './start-options.js';
import type { StartOptions } from './start-options.js';
import { SessionStore } from './store.js';
import type { Durability } from './store.js';
import { SummaryBuilder } from './summary.js';
import type { EndReason, FailureStage, SessionSummary } from './summary.js';
import { traceConnector } from './traced-connector.js';
import { TypedEmitter } from './typed-emitter.js';
import type { SessionEvents } from './session-events.js';

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
  How much is flushed to the disk before the session goes on (see `Durability`): the input
  before its markup, with `fsync-all` also the output and the outgoing entry before the send.
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
  /** At the end, in-flight work gets this long to finish or be persisted. @default 10000 */
  drainTimeoutMs?: number;
  /** Resuming without a start: the session id (from `current.json`). */
  sessionId?: SessionId;
  /** Resuming without a start: seconds per file. @default 60 */
  fileTimeSec?: number;
  /** Host recorded in `current.json` (never the token). */
  host?: string;
  /** Masked in the session's own log records (`client-log.jsonl`), e.g. the token. */
  secrets?: readonly string[];
  /** `logs-send` at the end of the session waits this long for each answer. @default 3000 */
  logsTimeoutMs?: number;
}

/** Ends after which the session's log records go to the platform, before the client disconnects. */
const SHIPS_LOGS: ReadonlySet<EndReason> = new Set([
  'finish',
  'timeout-close',
  'client-abort',
  'server-abort',
]);

/** Events kept in `client-log.jsonl`, with their level; the rest (saves, retries) are noise there. */
const RECORDED: Partial<Record<keyof SessionEvents, ClientLogRecord['level']>> = {
  connected: 'info',
  disconnected: 'warn',
  'file-received': 'info',
  'file-marked': 'info',
  'file-sent': 'info',
  'file-accepted': 'info',
  'file-rejected': 'warn',
  'file-failed': 'warn',
};

type PendingOp = 'start' | 'reconnect' | 'repeat' | 'abort';

/**
One exchange session with the platform: start, resume, repeat, send, abort, with progress
events and a `done` promise that resolves with the summary however the session ends.
*/
export class Session extends TypedEmitter<SessionEvents> {
  /** Resolves with the summary when the session ends; never rejects. */
  readonly done: Promise<SessionSummary>;
  readonly store: SessionStore;
  readonly #o: SessionOptions;
  readonly #connector: Connector;
  readonly #baseLogger: Logger;
  #logger: Logger;
  readonly #summary = new SummaryBuilder();
  readonly #clientLog: ClientLog;
  readonly #pipeline: Pipeline;
  readonly #inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  readonly #open = new Set<string>();
  readonly #pending = new Map<PendingOp, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Kept until answered: a drop can lose the request or its answer, and then it is asked again. */
  #startRequest: StartRequest | undefined;
  readonly #idleWaiters: Array<() => void> = [];
  readonly #bookkeeping = new Set<Promise<void>>();
  #resolveDone!: (summary: SessionSummary) => void;
  #sessionId: SessionId | undefined;
  #outbox: Outbox | undefined;
  #fileTimeSec: number;
  #lastFileId: string | undefined;
  #ending: EndReason | undefined;
  /** Replaying the records of earlier processes of this session, before this one writes its own. */
  #restoring: Promise<void> | undefined;
  /** Deadlines of files received by earlier processes. */
  #earlierDeadlines = new Map<string, number>();
  /** True deadlines of resumed files whose deadline had passed: they get a fresh budget but count as late. */
  readonly #lateAfter = new Map<string, number>();
  /** Files asked for again after a reconnect; set while the repeats bring files missed while away. */
  #catchingUp: Set<string> | undefined;

  constructor(options: SessionOptions) {
    super();
    this.#o = options;
    this.#baseLogger = options.logger ?? silentLogger();
    this.#logger = this.#baseLogger.child({ module: 'session' });
    this.#connector = traceConnector(options.connector, () => this.#logger);
    this.#clientLog = new ClientLog({
      ...(options.secrets ? { secrets: options.secrets } : {}),
      onError: (error) => this.#logger.error({ err: error }, 'could not write client-log.jsonl'),
    });
    this.store = new SessionStore(options.filesDir, {
      ...(options.durability !== undefined ? { durability: options.durability } : {}),
    });
    this.#fileTimeSec = options.fileTimeSec ?? 60;
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    const scale = options.timeScale ?? 1;
    const ratio = options.safetyMargin?.ratio ?? 0.1;
    const minMs = options.safetyMargin?.minMs ?? 1000 * scale;
    // Read at each use: the logger gains the session id once it is known.
    const logger = () => this.#logger;
    this.#pipeline = new Pipeline({
      store: this.store,
      marker: options.marker,
      limiter: new Limiter(options.concurrency ?? 4),
      outbox: () => this.#requireOutbox(),
      policy: options.onMarkupFailure ?? 'send-unmarked',
      fileTimeMs: () => this.#fileTimeSec * 1000 * scale,
      marginMs: (fileTimeMs) => Math.max(minMs, ratio * fileTimeMs),
      get logger() {
        return logger();
      },
      hooks: {
        saved: (file, path, malformed) => this.emit('file-saved', { fileId: file.fileId, path, malformed }),
        decided: (file, decision) => this.#onDecided(file, decision),
        failed: (file, stage, message) => this.#fail(file.fileId, stage, message),
        canSend: () => this.#ending === undefined || this.#ending === 'stopped' || this.#ending === 'done',
        acceptsWork: () => this.#ending === undefined,
      },
    });
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
    const answer = this.#expect<SessionId>('start');
    this.#startRequest = request;
    this.#connector.start(request);
    const sessionId = await answer;
    await this.#began(sessionId);
    this.#record('session-started', { request, startedAt: this.#summary.startedAt });
    return sessionId;
  }

  /**
  Re-attaches to the token's active session (`session-reconnect`) and takes up every saved input
  that has no answer yet (late if its deadline has passed), asks for the files pushed while away
  and resends the answers still in the outgoing store.
  */
  async reconnect(): Promise<SessionId> {
    await this.#connect();
    const answer = this.#expect<SessionId>('reconnect');
    this.#connector.reconnect();
    const sessionId = await answer;
    await this.#began(sessionId);
    this.#record('session-resumed', { startedAt: this.#summary.startedAt });
    this.emit('started', { sessionId, resumed: true });
    this.#lastFileId ??= await this.store.newestInputFileId(sessionId);
    await this.#resume();
    return sessionId;
  }

  /** Asks for the current file (`session-file-repeat`); resolves with its id once it arrived. */
  async repeatFile(lastFileId?: string): Promise<string> {
    await this.#connect();
    const answer = this.#expect<string>('repeat');
    this.#connector.getFile(lastFileId === undefined ? {} : { lastFileId });
    return answer;
  }

  /** Sends an answer by hand (through the outgoing store); resolves with the platform's answer. */
  async sendFile(fileId: string, essay: Essay): Promise<AckResult | undefined> {
    const sessionId = this.#sessionId;
    if (sessionId === undefined) throw new SessionError('no session: start or reconnect first', 'no-session');
    const entry = newEntry({ fileId, sessionId, content: JSON.stringify(essay.toJSON()) });
    const outbox = this.#requireOutbox();
    await Promise.all([this.store.saveOutput(sessionId, fileId, entry.content), outbox.put(entry)]);
    const answer = outbox.waitFor(fileId);
    outbox.send(entry);
    return answer;
  }

  /** Ends the session on the platform (`session-client-abort`). The summary follows in `done`. */
  async abort(message = 'aborted by the participant'): Promise<void> {
    await this.#connect();
    const answer = this.#expect<void>('abort');
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
    if (this.#open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #wire(): void {
    const c = this.#connector;
    c.on('connected', ({ reconnect }) => {
      this.emit('connected', { reconnect });
      if (reconnect && this.#sessionId !== undefined && this.#ending === undefined) void this.#resume();
      // The line dropped before session-start was answered: ask whether the platform has our
      // session (session-reconnect); if it has none, the start request is sent again.
      else if (reconnect && this.#pending.has('start')) this.#connector.reconnect();
    });
    c.on('disconnected', (info) => {
      this.#outbox?.interrupt();
      this.emit('disconnected', info);
    });
    c.on('reconnecting', (info) => this.emit('reconnecting', info));
    c.on('failed', (error) => {
      const auth = isSessionError(error) && error.kind === 'auth';
      void this.#finish(auth ? 'auth-error' : 'connection-error', error);
    });
    c.on('protocol-error', ({ event, error }) =>
      this.#logger.warn({ event }, `ignored a malformed ${event}: ${error}`),
    );
    c.on(ServerEvent.startSuccess, (p) => {
      // Attach at once: the first file may arrive in the same breath as the start answer.
      if (this.#pending.has('start')) this.#attach(p.sessionId, true);
      this.#settle('start', p.sessionId);
    });
    c.on(ServerEvent.startError, (p) => {
      const error = new SessionError(`the platform refused to start the session: ${p.message}`, 'start');
      if (!this.#reject('start', error)) this.#logger.warn(error.message);
    });
    c.on(ServerEvent.reconnectSuccess, (p) => {
      if (this.#pending.has('start')) {
        // The session started; only its answer was lost on the way, and maybe the first push too.
        this.#attach(p.sessionId, true);
        this.#settle('start', p.sessionId);
        void this.#resume();
        return;
      }
      if (this.#sessionId === undefined) this.#attach(p.sessionId);
      this.#settle('reconnect', p.sessionId);
    });
    c.on(ServerEvent.reconnectError, (p) => {
      if (this.#pending.has('start') && !this.#pending.has('reconnect') && this.#startRequest) {
        this.#connector.start(this.#startRequest);
        return;
      }
      this.#reject(
        'reconnect',
        new SessionError(`the platform could not resume the session: ${p.message}`, 'reconnect'),
      );
    });
    c.on(ServerEvent.autoReconnectError, (p) => {
      this.#logger.warn(`the platform could not attach this connection to an active session: ${p.message}`);
      if (this.#sessionId !== undefined && !this.#pending.has('start'))
        void this.#finish('lost', new Error(p.message));
    });
    c.on(ServerEvent.fileAvailable, (p) => this.#onFile(p));
    c.on(ServerEvent.fileRepeatSuccess, (p) => {
      const sessionId = p.sessionId ?? this.#sessionId ?? 'unknown';
      // Catching up after a resume, the newest file comes back too: not again if it was answered.
      const known = this.#catchingUp !== undefined && this.#summary.answeredEarlier(p.fileId);
      if (!known) this.#onFile({ sessionId, fileId: p.fileId, content: p.content });
      this.#settle('repeat', p.fileId);
      this.#catchUp(p.fileId, p.missed === true);
    });
    c.on(ServerEvent.fileRepeatError, (p) => {
      this.#catchingUp = undefined;
      const error = new SessionError(`the platform has no file to repeat: ${p.message}`, 'repeat');
      if (!this.#reject('repeat', error)) this.#logger.info(error.message);
    });
    c.on(ServerEvent.fileSendSuccess, (p) => void this.#onAck({ fileId: p.fileId, accepted: true }));
    c.on(
      ServerEvent.fileSendError,
      (p) =>
        void this.#onAck({
          fileId: p.fileId,
          accepted: false,
          message: p.message ?? 'refused without a message',
        }),
    );
    c.on(
      ServerEvent.close,
      (p) => void this.#finish(p.type === 'timeout-close' ? 'timeout-close' : 'finish'),
    );
    c.on(
      ServerEvent.abort,
      (p) => void this.#finish('server-abort', p.message ? new Error(p.message) : undefined),
    );
    c.on(ServerEvent.clientAbortSuccess, () => {
      this.#settle('abort', undefined);
      void this.#finish('client-abort');
    });
    c.on(ServerEvent.clientAbortError, (p) => {
      this.#reject('abort', new SessionError(`the platform refused the abort: ${p.message}`, 'abort'));
    });
  }

  async #connect(): Promise<void> {
    if (this.#ending !== undefined) throw new SessionError('the session has ended', 'closed');
    if (this.#connector.connected) return;
    await this.#connector.connect();
  }

  #expect<T>(op: PendingOp): Promise<T> {
    this.#pending.get(op)?.reject(new SessionError(`superseded by a new ${op} request`, 'closed'));
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(op, { resolve: resolve as (v: unknown) => void, reject });
    });
  }

  #settle(op: PendingOp, value: unknown): boolean {
    const pending = this.#pending.get(op);
    this.#pending.delete(op);
    pending?.resolve(value);
    return pending !== undefined;
  }

  #reject(op: PendingOp, error: Error): boolean {
    const pending = this.#pending.get(op);
    this.#pending.delete(op);
    pending?.reject(error);
    return pending !== undefined;
  }

  /** `fresh`: a session this process started, with no earlier records to replay. */
  #attach(sessionId: SessionId, fresh = false): void {
    if (this.#sessionId !== undefined) return;
    this.#sessionId = sessionId;
    this.#summary.sessionId = sessionId;
    this.#logger = this.#baseLogger.child({ module: 'session', sessionId });
    const dir = this.store.sessionDir(sessionId);
    this.#summary.dir = dir;
    if (fresh) this.#clientLog.open(dir);
    else this.#restoring = this.#restore(dir);
    const outgoing =
      this.#o.outgoingStore?.(dir) ??
      new JournalOutgoingStore(join(dir, OUTGOING_JOURNAL), {
        fsync: this.store.durability === 'fsync-all',
        logger: this.#logger,
      });
    this.#outbox = new Outbox({
      store: outgoing,
      connector: this.#connector,
      ...(this.#o.ackTimeoutMs !== undefined ? { ackTimeoutMs: this.#o.ackTimeoutMs } : {}),
      onSent: (entry, resend) => this.#onSent(entry, resend),
    });
    if (fresh) this.emit('started', { sessionId });
  }

  /** Replays what earlier processes of this session recorded, then lets this one append to the same log. */
  async #restore(dir: string): Promise<void> {
    try {
      const earlier = await readEarlierRuns(dir);
      this.#summary.restore(earlier.state, earlier);
      this.#earlierDeadlines = earlier.deadlines;
    } catch (error) {
      this.#logger.error({ err: error }, 'could not read the records of the earlier runs of this session');
    } finally {
      this.#clientLog.open(dir);
    }
  }

  async #began(sessionId: SessionId): Promise<void> {
    this.#attach(sessionId);
    try {
      await this.store.writeCurrent({
        sessionId,
        host: this.#o.host ?? '',
        startedAt: new Date().toISOString(),
        fileTimeSec: this.#fileTimeSec,
        timeScale: this.#o.timeScale ?? 1,
      });
    } catch (error) {
      // The session itself is fine; only a resume from another process will not find it.
      this.#logger.error(
        { err: error, sessionId },
        `could not record session ${String(sessionId)} in ${this.store.currentPath}; ` +
          '`readable session reconnect` will not find it, this process goes on',
      );
    }
  }

  /**
  After a reconnect: take up saved inputs that have no answer, ask for the files pushed while
  away (one `session-file-repeat` per missed file, until the platform has none), then resend the
  answers left in the outgoing store.
  */
  async #resume(): Promise<void> {
    await this.#sweep();
    try {
      await this.#recoverInputs();
    } catch (error) {
      this.#logger.error({ err: error }, 'could not take up the saved inputs');
    }
    if (this.#ending !== undefined) return;
    this.#catchingUp = new Set();
    // Always with lastFileId ("" = none held yet): only such a catch-up request is answered with
    // `missed: true`, which keeps the catch-up going (docs/protocol.md).
    this.#connector.getFile({ lastFileId: this.#lastFileId ?? '' });
    void this.#outbox
      ?.drain()
      .catch((error: unknown) => this.#logger.error({ err: error }, 'resending answers failed'));
  }

  /** Removes what writers of an earlier process, killed mid-write, left (never this process's own). */
  async #sweep(): Promise<void> {
    const sessionId = this.#sessionId;
    if (sessionId === undefined) return;
    try {
      const removed = await this.store.removeStaleTemporaryFiles(sessionId);
      if (removed > 0) this.#logger.info(`removed ${removed} temporary file(s) of interrupted writes`);
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not remove the temporary files of interrupted writes');
    }
  }

  /** A repeat brought a file: while it was one missed while away, ask for the next one. */
  #catchUp(fileId: string, missed: boolean): void {
    const asked = this.#catchingUp;
    if (asked === undefined) return;
    if (!missed || asked.has(fileId) || this.#ending !== undefined || !this.#connector.connected) {
      this.#catchingUp = undefined;
      return;
    }
    asked.add(fileId);
    this.#connector.getFile({ lastFileId: fileId });
  }

  /** Every saved input of this session with no accepted answer and none in the outgoing store goes through the pipeline. */
  async #recoverInputs(): Promise<void> {
    const sessionId = this.#sessionId;
    const outbox = this.#outbox;
    if (sessionId === undefined || outbox === undefined) return;
    await this.#restoring;
    const answered = this.#summary.merged().lists;
    const fileMs = this.#fileTimeMs();
    const inputs = await findUnanswered({
      store: this.store,
      sessionId,
      outgoing: outbox.store,
      settled: (fileId) =>
        this.#summary.has('received', fileId) || answered.accepted.has(fileId) || answered.kept.has(fileId),
      deadlineOf: (fileId, savedAt) => this.#earlierDeadlines.get(fileId) ?? savedAt + fileMs,
    });
    if (inputs.length > 0)
      this.#logger.info(`taking up ${inputs.length} saved file(s) that have no answer yet`);
    for (const input of inputs) {
      // Checked again: a repeat may have brought the same file while the inputs were read.
      if (this.#summary.has('received', input.fileId) || this.#ending !== undefined) continue;
      const now = Date.now();
      const late = input.deadline <= now;
      // A file past its deadline is late whatever happens: give its markup a whole file time.
      if (late) this.#lateAfter.set(input.fileId, input.deadline);
      this.#take(
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

  #fileTimeMs(): number {
    return this.#fileTimeSec * 1000 * (this.#o.timeScale ?? 1);
  }

  #requireOutbox(): Outbox {
    if (!this.#outbox)
      throw new SessionError('no session id yet: files arrive only after a start or reconnect', 'no-session');
    return this.#outbox;
  }

  #onFile(payload: FileAvailablePayload): void {
    const receivedAt = Date.now();
    const { fileId } = payload;
    // A repeat of a file we already hold (or the same push twice) must not be marked twice.
    if (this.#summary.has('received', fileId)) return;
    if (this.#sessionId === undefined && payload.sessionId !== undefined) this.#attach(payload.sessionId);
    this.#lastFileId = fileId;
    this.#take(
      { ...payload, sessionId: payload.sessionId ?? this.#sessionId ?? 'unknown', receivedAt },
      receivedAt + this.#fileTimeMs(),
      false,
    );
  }

  /** Counts the file as this process's and runs it through the pipeline. */
  #take(file: IncomingFile, deadline: number, resumed: boolean): void {
    const hr = process.hrtime.bigint();
    const { fileId } = file;
    this.#open.add(fileId);
    this.emit('file-received', {
      fileId,
      sessionId: file.sessionId,
      deadline,
      hr,
      ...(resumed ? { resumed: true } : {}),
    });
    const controller = new AbortController();
    const done = this.#pipeline
      .process(file, controller)
      .catch((error: unknown) =>
        this.#fail(fileId, 'markup', error instanceof Error ? error.message : String(error)),
      )
      .finally(() => this.#inFlight.delete(fileId));
    this.#inFlight.set(fileId, { controller, done });
  }

  #onDecided(file: IncomingFile, decision: Decision): void {
    const outcome = decision.kind === 'skip' ? 'skipped' : decision.kind;
    const reason = 'reason' in decision ? decision.reason : undefined;
    this.emit('file-marked', { fileId: file.fileId, outcome, ...(reason !== undefined ? { reason } : {}) });
    if (decision.kind === 'kept') this.#close(file.fileId);
  }

  #onSent(entry: OutgoingEntry, resend: boolean): void {
    const hr = process.hrtime.bigint();
    const deadline = this.#lateAfter.get(entry.fileId) ?? entry.deadline;
    const late = deadline !== undefined && Date.now() > deadline;
    this.emit('file-sent', { fileId: entry.fileId, late, resend, hr });
  }

  /** Counts the answer at once (a close may follow in the same breath), then updates the stores. */
  #onAck(result: AckResult): void {
    const sessionId = this.#sessionId;
    if (result.accepted) {
      this.emit('file-accepted', { fileId: result.fileId });
    } else {
      const message = result.message ?? '';
      this.#logger.warn({ fileId: result.fileId }, `the platform rejected file ${result.fileId}: ${message}`);
      this.emit('file-rejected', { fileId: result.fileId, message });
    }
    this.#close(result.fileId);
    const bookkeeping = (async () => {
      await this.#outbox?.settle(result);
      if (!result.accepted && sessionId !== undefined) {
        await this.store.recordRejection(sessionId, result.fileId, result.message ?? '');
      }
    })()
      .catch((error: unknown) =>
        this.#logger.error({ err: error, fileId: result.fileId }, 'could not update the outgoing store'),
      )
      .finally(() => this.#bookkeeping.delete(bookkeeping));
    this.#bookkeeping.add(bookkeeping);
  }

  #fail(fileId: string, stage: FailureStage, message: string): void {
    this.emit('file-failed', { fileId, stage, message });
    this.#close(fileId);
  }

  #close(fileId: string): void {
    if (!this.#open.delete(fileId) || this.#open.size > 0) return;
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  async #finish(reason: EndReason, error?: Error): Promise<void> {
    if (this.#ending !== undefined) return;
    this.#ending = reason;
    const graceful = reason === 'stopped' || reason === 'done';
    const drainMs = this.#o.drainTimeoutMs ?? 10_000;
    if (!graceful)
      for (const { controller } of this.#inFlight.values())
        controller.abort(new Error(`session ended: ${reason}`));
    await withTimeout(Promise.allSettled([...this.#inFlight.values()].map((f) => f.done)), drainMs);
    for (const { controller } of this.#inFlight.values())
      controller.abort(new Error(`session ended: ${reason}`));
    if (graceful && this.#connector.connected && this.#open.size > 0)
      await withTimeout(this.idle(), Math.min(drainMs, 3000));
    await this.#restoring;
    const end = { reason, ...(error ? { message: error.message } : {}) };
    this.#record('session-ended', { ...end, ...counts(this.#summary.build(end)) });
    // protocol.md: `logs-send` may still arrive after `session-close`; the client disconnects after it.
    if (SHIPS_LOGS.has(reason) && this.#connector.connected) await this.#shipLogs();
    await this.#connector.close();
    await Promise.allSettled([...this.#bookkeeping]);
    const closed = error ?? new SessionError(`the session ended (${reason})`, 'closed');
    for (const op of [...this.#pending.keys()]) this.#reject(op, closed);
    const summary = this.#summary.build(end);
    if (this.#sessionId !== undefined) {
      await this.store
        .writeSummary(this.#sessionId, summary)
        .catch((e: unknown) => this.#logger.error({ err: e }, 'could not write summary.json'));
    }
    await this.#outbox?.store.close();
    await this.#clientLog.close();
    this.emit('closed', summary);
    this.#resolveDone(summary);
  }

  async #shipLogs(): Promise<void> {
    const result = await shipLogs({
      connector: this.#connector,
      log: this.#clientLog,
      logger: this.#logger,
      timeoutMs: this.#o.logsTimeoutMs ?? 3000,
    });
    if (result.sent > 0) this.#logger.info(`sent ${result.sent} log record(s) to the platform`);
  }

  /** Every progress event also updates the summary and, for the ones worth keeping, the client log. */
  protected override emit<E extends keyof SessionEvents & string>(
    event: E,
    ...args: SessionEvents[E]
  ): boolean {
    const payload = args[0] as unknown as Record<string, unknown> | undefined;
    if (payload !== undefined && event.startsWith('file-')) this.#summary.apply(event, payload);
    const level = RECORDED[event];
    // Our own disconnect at the end is not news (and would come after the logs went out).
    const own = event === 'disconnected' && payload?.reason === 'io client disconnect';
    if (level !== undefined && payload !== undefined && !own) this.#record(event, payload, level);
    return super.emit(event, ...args);
  }

  #record(event: string, fields: Record<string, unknown>, level: ClientLogRecord['level'] = 'info'): void {
    const record: ClientLogRecord = { time: new Date().toISOString(), level, event };
    if (this.#sessionId !== undefined) record.sessionId = this.#sessionId;
    for (const [key, value] of Object.entries(fields)) {
      // `hr` is a bigint for benchmarks: neither JSON nor meaningful in another process.
      if (key !== 'hr' && value !== undefined) record[key] = value;
    }
    this.#clientLog.append(record);
  }
}

function counts(summary: SessionSummary): Record<string, number> {
  return {
    received: summary.received.length,
    accepted: summary.accepted.length,
    rejected: summary.rejected.length,
    late: summary.late.length,
    failed: summary.failed.length,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
