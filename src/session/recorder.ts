import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import type { SessionId } from '../protocol/index.js';
import { ClientLog } from './client-log.js';
import type { ClientLogRecord } from './client-log.js';
import { SessionJournal } from './journal.js';
import type { SessionEvents } from './session-events.js';
import type { CurrentSession, SessionStore } from './store.js';
import type { SummaryBuilder } from './summary.js';
import type { TypedEmitter } from './typed-emitter.js';

export interface RecorderOptions {
  summary: SummaryBuilder;
  clock: Clock;
  sessionId: () => SessionId | undefined;
  logger: () => Logger;
  /** Masked in the records sent to the platform (the token). */
  secrets?: readonly string[];
}

type Level = ClientLogRecord['level'];

/**
Listens to a session's progress events and keeps its records: every file event updates the
summary and goes to the journal (for a resume) and to the client log (for the platform), with
connection changes in the client log too. Registered first, so the summary is up to date
before any other listener hears of an event.
*/
export class Recorder {
  /** The log shipped to the platform with `logs-send`. */
  readonly clientLog: ClientLog;
  /** The typed journal a resume replays. */
  readonly journal: SessionJournal;
  readonly #o: RecorderOptions;

  constructor(session: TypedEmitter<SessionEvents>, options: RecorderOptions) {
    this.#o = options;
    const { summary, clock } = options;
    this.clientLog = new ClientLog({
      ...(options.secrets ? { secrets: options.secrets } : {}),
      onError: (error) => options.logger().error({ err: error }, 'could not write client-log.jsonl'),
    });
    const journal = new SessionJournal((error) =>
      options.logger().error({ err: error }, 'could not write the session journal; a resume will know less'),
    );
    this.journal = journal;
    session.on('file-received', ({ hr: _hr, ...info }) => {
      summary.apply('file-received', info);
      journal.append({ event: 'file-received', at: clock.now(), ...info });
      this.#log('file-received', info);
    });
    session.on('file-marked', (info) => {
      summary.apply('file-marked', info);
      journal.append({ event: 'file-marked', at: clock.now(), ...info });
      this.#log('file-marked', info);
    });
    session.on('file-sent', ({ hr: _hr, ...info }) => {
      summary.apply('file-sent', info);
      journal.append({ event: 'file-sent', at: clock.now(), ...info });
      this.#log('file-sent', info);
    });
    session.on('file-accepted', (info) => {
      summary.apply('file-accepted', info);
      journal.append({ event: 'file-accepted', at: clock.now(), ...info });
      this.#log('file-accepted', info);
    });
    session.on('file-rejected', (info) => {
      summary.apply('file-rejected', info);
      journal.append({ event: 'file-rejected', at: clock.now(), ...info });
      this.#log('file-rejected', info, 'warn');
    });
    session.on('file-failed', (info) => {
      summary.apply('file-failed', info);
      journal.append({ event: 'file-failed', at: clock.now(), ...info });
      this.#log('file-failed', info, 'warn');
    });
    session.on('connected', (info) => this.#log('connected', info));
    session.on('disconnected', (info) => {
      // Our own disconnect at the end is not news (and would come after the logs went out).
      if (info.reason !== 'io client disconnect') this.#log('disconnected', info, 'warn');
    });
  }

  /** Starts writing both files into the session directory (records made earlier first). */
  open(dir: string): void {
    this.clientLog.open(dir);
    this.journal.open(dir);
  }

  async close(): Promise<void> {
    await Promise.all([this.clientLog.close(), this.journal.close()]);
  }

  /** This process took up the session: a start (`resumed: false`) or a resume. */
  run(resumed: boolean, fields: Record<string, unknown>): void {
    const startedAt = this.#o.summary.startedAt;
    this.journal.append({ event: 'run', at: this.#o.clock.now(), resumed, startedAt });
    this.#log(resumed ? 'session-resumed' : 'session-started', { ...fields, startedAt });
  }

  /** Writes `current.json` so another process can resume; a failure is logged, the session goes on. */
  async current(store: SessionStore, current: CurrentSession): Promise<void> {
    try {
      await store.writeCurrent(current);
    } catch (error) {
      const id = String(current.sessionId);
      this.#o
        .logger()
        .error(
          { err: error, sessionId: current.sessionId },
          `could not record session ${id} in ${store.currentPath}; ` +
            '`readable session reconnect` will not find it, this process goes on',
        );
    }
  }

  ended(fields: Record<string, unknown>): void {
    this.#log('session-ended', fields);
  }

  #log(event: string, fields: object, level: Level = 'info'): void {
    const record: ClientLogRecord = { time: new Date(this.#o.clock.now()).toISOString(), level, event };
    const sessionId = this.#o.sessionId();
    if (sessionId !== undefined) record.sessionId = sessionId;
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = value;
    this.clientLog.append(record);
  }
}
