import { MarkupError } from './errors.js';
import { createDemoMarkup } from './demo.js';
import type { Markup } from './types.js';

/** Everything a factory may need; each implementation reads its own part. */
export interface MarkupOptions {
  /** `demo`: random delay bound in seconds. */
  demoMaxDelaySec?: number;
  /** `module`: path of the user's module. */
  modulePath?: string;
  /** `command`: the shell command run per essay. */
  command?: string;
  /** `directory`: shortens the wait for the user's file (never lengthens it past the deadline). */
  directoryDelaySec?: number;
  /** Where relative paths resolve; defaults to `process.cwd()`. */
  cwd?: string;
}

export type MarkupFactory = (options: MarkupOptions) => Markup | Promise<Markup>;

const registry = new Map<string, MarkupFactory>([
  ['demo', (o) => createDemoMarkup({ maxDelaySec: o.demoMaxDelaySec ?? 0 })],
]);

/** Makes a markup available by name, e.g. `registerMarkup('my-model', () => myMarkup)`. */
export function registerMarkup(kind: string, factory: MarkupFactory): void {
  registry.set(kind, factory);
}

export function markupKinds(): string[] {
  return [...registry.keys()];
}

/** Builds the markup registered under `kind`. Swapping algorithms is this one call. */
export async function createMarkup(kind: string, options: MarkupOptions = {}): Promise<Markup> {
  const factory = registry.get(kind);
  if (!factory) {
    throw new MarkupError(`unknown markup "${kind}"; known: ${markupKinds().join(', ')}`, 'config', {
      markup: kind,
    });
  }
  return factory(options);
}
