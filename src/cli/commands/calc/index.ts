import type { Command } from 'commander';

export function registerCalc(_group: Command): void {
  // Sub-commands are added as the calc module lands.
}
