import type { Command } from 'commander';

export function registerEssay(_group: Command): void {
  // Sub-commands are added as the essay module lands.
}
