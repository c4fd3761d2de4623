export { createLogger, silentLogger } from './create-logger.js';
export type { CreateLoggerOptions, RootLogger } from './create-logger.js';
export { formatLine } from './format-line.js';
// Re-exported so that CLI output which bypasses the logger masks the same way.
export { maskSecrets, maskToken } from '../config/index.js';
export type { Logger, LevelWithSilent as LogLevel } from 'pino';
