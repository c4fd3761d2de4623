// Files written so that a crash never leaves a torn one: atomic writes, directory flushes and the
// one JSON-lines appender every journal and log file of the toolkit uses.
export { writeFileAtomic, syncDirectory } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
export { JsonlAppender, parseJsonLines } from './jsonl-appender.js';
export type { JsonlAppenderOptions } from './jsonl-appender.js';
export { FileError, describeFsCause } from './errors.js';
