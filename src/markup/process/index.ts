// Process control for markups that run the user's programs (command, worker): groups, stderr, watchdog.
export { ChildGroup } from './child-group.js';
export type { ChildExit, ChildGroupOptions } from './child-group.js';
export { StderrLines } from './stderr-lines.js';
export type { StderrLimits } from './stderr-lines.js';
export { guardedGroups, signalGroup } from './reaper.js';
