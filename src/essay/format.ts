import { showPath } from './show.js';
import type { EssayWarning } from './types.js';

/** `file: path: message`, the same shape as `EssayReadError` messages. */
export function formatWarning(warning: EssayWarning): string {
  return `${warning.source ?? '<essay>'}: ${showPath(warning.path)}: ${warning.message}`;
}
