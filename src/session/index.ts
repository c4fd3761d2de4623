export { Session } from './session.js';
export type { SessionOptions } from './session.js';
export type { SessionEvents } from './session-events.js';
export { buildStartRequest, DEFAULT_START } from './start-options.js';
export type { StartOptions } from './start-options.js';
export { MARKUP_FAILURE_POLICIES } from './pipeline.js';
export type { MarkupFailurePolicy } from './pipeline.js';
export { summaryOk } from './summary.js';
export type { SessionSummary, EndReason, FailureStage } from './summary.js';
export { SessionStore, sessionDirName, DURABILITIES } from './store.js';
export type { CurrentSession, Durability, SessionStoreOptions } from './store.js';
export { MemoryOutgoingStore, FileOutgoingStore, newEntry } from './outgoing-store.js';
export type { OutgoingStore, OutgoingEntry, FileOutgoingStoreOptions } from './outgoing-store.js';
export { JournalOutgoingStore, OUTGOING_JOURNAL } from './journal-outgoing-store.js';
export type { JournalOutgoingStoreOptions } from './journal-outgoing-store.js';
export { StartOptionsError, SessionError, OutgoingStoreError, isSessionError } from './errors.js';
export type { SessionFailure } from './errors.js';
export { TypedEmitter } from './typed-emitter.js';
export * from './connector/index.js';
export { runSession } from './run-session.js';
export type {
  RunSessionOptions,
  RunSessionIO,
  RunSessionResult,
  SessionCommand,
  MarkupFlags,
} from './run-session.js';
export { attachProgress } from './progress.js';
export type { ProgressDisplay, ProgressOptions } from './progress.js';
export { formatSummary } from './summary-table.js';
