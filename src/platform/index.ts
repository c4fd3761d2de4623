// The local platform: a Socket.IO 2 emulator of the contest platform. Import it only through this file.

export { startPlatform } from './platform.js';
export type { Platform } from './platform.js';

export { DEFAULT_TOKEN } from './options.js';
export type { PlatformOptions } from './options.js';

export { PlatformEvent } from './platform-events.js';
export type { PlatformEventMap, PlatformEventName, PlatformListener } from './platform-events.js';

export type {
  SessionReport,
  FileReport,
  FileStatus,
  ReportTotals,
  ScoredFile,
  ScoreAnswerHook,
  ScoreSessionHook,
} from './report.js';
export type { EndType } from './session-state.js';
export type { PlatformSessionSummary } from './session-manager.js';

export { Dataset, defaultDatasetDir } from './dataset.js';
export type { DatasetEntry } from './dataset.js';

export { tokenHash, readTokensFile } from './token-registry.js';

export { PlatformOptionsError, DatasetError, PlatformStoreError } from './errors.js';

// Intentionally not exported: the session manager, runner and state, the socket wiring and the
// protocol gate. They are the platform's engine; drive it through `startPlatform` and sockets.
