import type { Command } from 'commander';

export function registerCriteria(_group: Command): void {
  // `calc criteria` is added by the scoring module.
}
