import { createCommandMarkup } from './command-markup.js';
import { createDemoMarkup } from './demo.js';
import { createDirectoryMarkup } from './directory-markup.js';
import { MarkupError } from './errors.js';
import { loadModuleMarkup } from './module-markup.js';
import { createOnlySaveMarkup } from './only-save.js';
import { createHttpMarkup } from './http/index.js';
import { createLlmMarkup } from './llm/index.js';
import { createWorkerMarkup } from './worker/index.js';
import type { Markup, MarkupLogger } from './types.js';

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
  /** `directory`: fallback poll interval in ms. @default 500 */
  pollIntervalMs?: number;
  /** Where relative paths resolve and where a command runs; defaults to `process.cwd()`. */
  cwd?: string;
  /** `command`: environment of the command (`TOKEN` is always removed). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** `command`: stdout limit in bytes. @default 20 MiB */
  maxOutputBytes?: number;
  /** Where the user's program's stderr lines and the directory wait are logged. */
  logger?: MarkupLogger;
  /** `worker`: the shell command of one long-lived worker. */
  workerCommand?: string;
  /** `worker`: how many workers. @default 1 */
  workers?: number;
  /** `worker`: requests in flight per worker. @default 1 */
  workerInflight?: number;
  /** `worker`: seconds each worker may take to say it is ready. @default 60 */
  workerStartTimeoutSec?: number;
  /** `http`: the model servers' URLs. */
  urls?: readonly string[];
  /** `http`: requests in flight per server. @default 4 */
  urlInflight?: number;
  /** `http`: the `Authorization` header (`MARKUP_AUTH`). */
  auth?: string;
  /** `http`, `llm`: skip TLS certificate checks (explicit opt-out only). */
  insecure?: boolean;
  /** `llm`: the chat-completions endpoint. */
  llmUrl?: string;
  /** `llm`: the model name. */
  llmModel?: string;
  /** `llm`: the API key (`LLM_API_KEY`). */
  llmApiKey?: string;
  /** `llm`: a prompt template file. */
  llmPromptFile?: string;
}

export type MarkupFactory = (options: MarkupOptions) => Markup | Promise<Markup>;

function required<K extends 'modulePath' | 'command' | 'workerCommand' | 'llmUrl' | 'llmModel'>(
  kind: string,
  options: MarkupOptions,
  key: K,
): string {
  const value = options[key];
  if (value === undefined || value.trim() === '')
    throw new MarkupError(`markup "${kind}" needs the \`${key}\` option`, 'config', { markup: kind });
  return value;
}

const registry = new Map<string, MarkupFactory>([
  ['demo', (o) => createDemoMarkup({ maxDelaySec: o.demoMaxDelaySec ?? 0 })],
  [
    'module',
    (o) => loadModuleMarkup(required('module', o, 'modulePath'), o.cwd === undefined ? {} : { cwd: o.cwd }),
  ],
  [
    'command',
    (o) =>
      createCommandMarkup({
        command: required('command', o, 'command'),
        ...(o.cwd !== undefined && { cwd: o.cwd }),
        ...(o.env !== undefined && { env: o.env }),
        ...(o.logger !== undefined && { logger: o.logger }),
        ...(o.maxOutputBytes !== undefined && { maxOutputBytes: o.maxOutputBytes }),
      }),
  ],
  [
    'directory',
    (o) =>
      createDirectoryMarkup({
        ...(o.directoryDelaySec !== undefined && { delaySec: o.directoryDelaySec }),
        ...(o.pollIntervalMs !== undefined && { pollIntervalMs: o.pollIntervalMs }),
        ...(o.logger !== undefined && { logger: o.logger }),
      }),
  ],
  ['only-save', () => createOnlySaveMarkup()],
  [
    'llm',
    (o) =>
      createLlmMarkup({
        url: required('llm', o, 'llmUrl'),
        model: required('llm', o, 'llmModel'),
        ...(o.llmApiKey !== undefined && { apiKey: o.llmApiKey }),
        ...(o.llmPromptFile !== undefined && { promptFile: o.llmPromptFile }),
        ...(o.insecure !== undefined && { insecure: o.insecure }),
        ...(o.logger !== undefined && { logger: o.logger }),
      }),
  ],
  [
    'http',
    (o) =>
      createHttpMarkup({
        urls: o.urls ?? [],
        ...(o.urlInflight !== undefined && { perServer: o.urlInflight }),
        ...(o.auth !== undefined && { auth: o.auth }),
        ...(o.insecure !== undefined && { insecure: o.insecure }),
        ...(o.logger !== undefined && { logger: o.logger }),
      }),
  ],
  [
    'worker',
    (o) =>
      createWorkerMarkup({
        command: required('worker', o, 'workerCommand'),
        ...(o.workers !== undefined && { workers: o.workers }),
        ...(o.workerInflight !== undefined && { inflight: o.workerInflight }),
        ...(o.workerStartTimeoutSec !== undefined && { startTimeoutMs: o.workerStartTimeoutSec * 1000 }),
        ...(o.cwd !== undefined && { cwd: o.cwd }),
        ...(o.env !== undefined && { env: o.env }),
        ...(o.logger !== undefined && { logger: o.logger }),
      }),
  ],
]);

/** Makes a markup available by name, e.g. `registerMarkup('my-model', () => myMarkup)`. */
export function registerMarkup(kind: string, factory: MarkupFactory): void {
  registry.set(kind, factory);
}

export function markupKinds(): string[] {
  return [...registry.keys()];
}

export function isMarkupKind(kind: string): boolean {
  return registry.has(kind);
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
