import type { Command } from 'commander';

export function registerPlatform(_group: Command): void {
  // Sub-commands are added as the platform module lands.
}
