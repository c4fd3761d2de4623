import type { Command } from 'commander';

export function registerPsr(_group: Command): void {
  // `calc psr` is added by the scoring module.
}
