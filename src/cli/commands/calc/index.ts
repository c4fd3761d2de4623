import type { Command } from 'commander';
import { registerCriteria } from './criteria.js';
import { registerPsr } from './psr.js';
import { registerAppoint } from './appoint.js';

export function registerCalc(group: Command): void {
  registerCriteria(group);
  registerPsr(group);
  registerAppoint(group);
}
