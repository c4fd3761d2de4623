// The entry point other modules import; the implementation lives in ./log/.
export * from './log/index.js';
