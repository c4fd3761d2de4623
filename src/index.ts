// The library surface of readable-baseline. Each module is also importable on its own through
// its index; these are the names a team needs to run sessions, plug in a markup and score.

export * from './essay/index.js';
export * from './markup/index.js';
export * from './session/index.js';
export { loadConfig, ConfigError, isConfigError, maskToken, maskSecrets } from './config.js';
export type { Config, LoadConfigOptions } from './config.js';
export { createLogger, silentLogger } from './log.js';
export type { Logger, RootLogger, CreateLoggerOptions } from './log.js';
export { ToolkitError, isToolkitError } from './errors.js';

// The wire contract, the local platform and scoring have names that overlap with the session's
// (`SessionSummary`, `formatExplanation`, …), so they are exported as namespaces.
export * as protocol from './protocol/index.js';
export * as platform from './platform/index.js';
export * as scoring from './scoring/index.js';
export { startPlatform } from './platform/index.js';
export type { Platform, PlatformOptions, SessionReport } from './platform/index.js';
// Offline evaluation runs (docs/eval.md): the summary.json / scores.jsonl types.
export * as evaluation from './eval/index.js';
