// The public API of readable-baseline (package entry `readable-baseline`): what a team needs to run
// sessions against the contest platform, plug in its markup and read and write essays. The local
// platform, scoring and the wire protocol are entries of their own: `readable-baseline/platform`,
// `readable-baseline/scoring`, `readable-baseline/protocol`. Each name is reachable one way only;
// test clocks, CLI pieces, file-system helpers and journal internals are not part of it.

// Essays
export {
  Essay,
  Meta,
  Selection,
  SelectionCollection,
  sameType,
  validateEssaySchema,
  essaySchema,
  ESSAY_SCHEMA_URL,
  formatWarning,
  SUBJECTS,
  SELECTION_GROUPS,
  SELECTION_TEXT_FIELDS,
  EssayReadError,
  EssayWriteError,
  EssayFileError,
  SelectionError,
} from './essay/index.js';
export type {
  MetaInput,
  ReadOptions,
  SaveOptions,
  SelectionLike,
  SchemaResult,
  EssayData,
  MetaData,
  SelectionData,
  CriteriaData,
  EssayWarning,
  Subject,
  SelectionGroup,
  SelectionTextField,
} from './essay/index.js';

// Markups
export {
  Marker,
  createMarkup,
  registerMarkup,
  markupKinds,
  isMarkupKind,
  createDemoMarkup,
  DEMO_WARNING,
  loadModuleMarkup,
  adaptMarkup,
  createCommandMarkup,
  createDirectoryMarkup,
  createOnlySaveMarkup,
  MarkupError,
  isMarkupError,
} from './markup/index.js';
export type {
  Markup,
  MarkupContext,
  MarkupLogger,
  MarkupFailure,
  MarkupErrorContext,
  MarkupFactory,
  MarkupOptions,
  DemoMarkupOptions,
  ModuleMarkupOptions,
  MarkupFunction,
  CommandMarkupOptions,
  DirectoryMarkupOptions,
} from './markup/index.js';

// Sessions
export {
  Session,
  buildStartRequest,
  DEFAULT_START,
  MARKUP_FAILURE_POLICIES,
  summaryOk,
  DURABILITIES,
  MemoryOutgoingStore,
  FileOutgoingStore,
  JournalOutgoingStore,
  newEntry,
  StartOptionsError,
  SessionError,
  OutgoingStoreError,
  isSessionError,
  SocketIoConnector,
  registerConnector,
  createConnector,
  connectorNames,
  DEFAULT_CONNECTOR,
  backoffDelay,
  DEFAULT_RECONNECT,
} from './session/index.js';
export type {
  SessionOptions,
  SessionEvents,
  StartOptions,
  MarkupFailurePolicy,
  SessionSummary,
  EndReason,
  FailureStage,
  Durability,
  OutgoingStore,
  OutgoingEntry,
  FileOutgoingStoreOptions,
  JournalOutgoingStoreOptions,
  SessionFailure,
  Connector,
  ConnectorEvents,
  ConnectorFactory,
  ConnectorOptions,
  LifecycleEvents,
  ReconnectPolicy,
  ServerEvents,
} from './session/index.js';

// Settings, logs and errors
export { loadConfig, ConfigError, isConfigError, maskToken, maskSecrets } from './config/index.js';
export type { Config, LoadConfigOptions } from './config/index.js';
export { createLogger, silentLogger } from './log/index.js';
export type { Logger, RootLogger, CreateLoggerOptions } from './log/index.js';
export { ToolkitError, isToolkitError } from './errors.js';
