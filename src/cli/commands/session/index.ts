import type { Command } from 'commander';

export function registerSession(_group: Command): void {
  // Sub-commands are added as the session module lands.
}
