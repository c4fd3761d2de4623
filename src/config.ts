// The entry point other modules import; the implementation lives in ./config/.
export * from './config/index.js';
