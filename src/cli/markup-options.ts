import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/index.js';
import { Marker } from '../markup/index.js';
import type { Markup, MarkupLogger } from '../markup/index.js';
import { EXIT, ExitError } from './exit-error.js';
import { positiveInteger, positiveNumber } from './number-options.js';
import { markupFromConfig, type MarkupConfig, type MarkupOverrides } from './markup-config.js';

/**
The `--markup-*` flags as commander parses them (numbers parsed by src/cli/number-options.ts). Every command that marks
essays (`session start|reconnect|repeat`, `essay mark`, `eval`) registers them with
`addMarkupOptions` and turns them into a Marker with `markerFromOptions`, so a mode added here is
available everywhere at once.
*/
export interface MarkupFlags {
  markup?: string;
  markupCommand?: string;
  markupWorker?: string;
  workers?: number;
  workerInflight?: number;
  workerStartTimeout?: number;
  markupUrl?: string[];
  urlInflight?: number;
  markupLlm?: string;
  llmModel?: string;
  llmPrompt?: string;
}

/** Adds every `--markup-*` option to `cmd`. */
export function addMarkupOptions(cmd: Command): Command {
  return cmd
    .option('--markup <demo|PATH>', 'markup: "demo", or the path of a markup module (replaces MARKUP)')
    .option(
      '--markup-command <cmd>',
      'markup: a shell command run per essay, essay JSON on stdin, marked essay on stdout (replaces MARKUP_COMMAND)',
    )
    .option(
      '--markup-worker <cmd>',
      'markup: a long-lived worker that loads its model once; JSON lines on stdin/stdout (docs/markup-worker.md; MARKUP_WORKER)',
    )
    .option('--workers <n>', 'worker markup: how many workers (MARKUP_WORKERS, default 1)', positiveInteger)
    .option(
      '--worker-inflight <k>',
      'worker markup: essays in flight per worker (MARKUP_WORKER_INFLIGHT, default 1)',
      positiveInteger,
    )
    .option(
      '--markup-url <url>',
      'markup: POST each essay to this model server, repeatable for several (docs/markup-http.md; MARKUP_URL, auth header from MARKUP_AUTH)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--markup-llm <url>',
      'markup: an OpenAI-compatible chat-completions endpoint, e.g. http://127.0.0.1:8000/v1 (docs/markup-llm.md; MARKUP_LLM, key from LLM_API_KEY)',
    )
    .option('--llm-model <name>', 'LLM markup: the model name (LLM_MODEL)')
    .option('--llm-prompt <file>', 'LLM markup: a prompt template replacing the default (LLM_PROMPT_FILE)')
    .option(
      '--url-inflight <k>',
      'HTTP markup: requests in flight per server (MARKUP_URL_INFLIGHT, default 4)',
      positiveInteger,
    )
    .option(
      '--worker-start-timeout <sec>',
      'worker markup: seconds each worker may take to print its ready line (MARKUP_WORKER_START_TIMEOUT, default 60)',
      positiveNumber,
    );
}

/** The flags that choose an algorithm, with the spelling the user typed (for "use only one" errors). */
const CHOOSERS: [keyof MarkupFlags, string][] = [
  ['markup', '--markup'],
  ['markupCommand', '--markup-command'],
  ['markupWorker', '--markup-worker'],
  ['markupUrl', '--markup-url'],
  ['markupLlm', '--markup-llm'],
];

/** True when a flag (not `.env`) chose the algorithm. */
export function markupChosenByFlags(flags: MarkupFlags): boolean {
  return CHOOSERS.some(([key]) => flags[key] !== undefined);
}

export interface MarkupSetup {
  /** Where relative paths resolve and commands run. @default process.cwd() */
  cwd?: string;
  /** Where the user's program's stderr lines and the markups' notes go. */
  logger?: MarkupLogger;
  /** Session-only choices (`--only-save`, `--directory`). */
  onlySave?: boolean;
  directory?: boolean;
  /** `--insecure`: also for `--markup-url` servers (TLS_INSECURE applies too). */
  insecure?: boolean;
  /** `essay mark`: a flag that picks an algorithm overrides the session-only `.env` choices. */
  ignoreSessionModes?: boolean;
}

/**
Checks the flags (two algorithms at once is a usage error, exit 2) and turns them, with the
configuration they override, into the options of `markupFromConfig`.
*/
export function markupOverrides(flags: MarkupFlags, setup: MarkupSetup = {}): MarkupOverrides {
  const given = CHOOSERS.filter(([key]) => flags[key] !== undefined).map(([, spelling]) => spelling);
  if (given.length === 2)
    throw new ExitError(EXIT.usage, `error: use either ${given[0]} or ${given[1]}, not both`);
  if (given.length > 2)
    throw new ExitError(EXIT.usage, `error: use only one of ${given.join(', ')} (each chooses the markup)`);
  const picked = given.length > 0;
  const { workers, workerInflight: inflight, workerStartTimeout: startTimeout, urlInflight } = flags;
  return {
    ...(urlInflight !== undefined && { urlInflight }),
    ...(setup.insecure === true && { insecure: true }),
    ...(workers !== undefined && { workers }),
    ...(inflight !== undefined && { workerInflight: inflight }),
    ...(startTimeout !== undefined && { workerStartTimeoutSec: startTimeout }),
    cwd: setup.cwd ?? process.cwd(),
    ...(setup.logger !== undefined && { logger: setup.logger }),
    ...(flags.markup !== undefined && { markup: flags.markup }),
    ...(flags.markupCommand !== undefined && { markupCommand: flags.markupCommand }),
    ...(flags.markupWorker !== undefined && { markupWorker: flags.markupWorker }),
    ...(flags.markupUrl !== undefined && { markupUrls: flags.markupUrl }),
    ...(flags.markupLlm !== undefined && { markupLlm: flags.markupLlm }),
    ...(flags.llmModel !== undefined && { llmModel: flags.llmModel }),
    ...(flags.llmPrompt !== undefined && {
      llmPromptFile: resolve(setup.cwd ?? process.cwd(), flags.llmPrompt),
    }),
    ...(setup.onlySave && { onlySaveFiles: true }),
    ...(setup.directory && { checkDirectoryAnswer: true }),
    ...(setup.ignoreSessionModes && picked && { onlySaveFiles: false, checkDirectoryAnswer: false }),
  };
}

/** The markup the flags and the configuration ask for (flags win over `.env`). */
export function markupFromOptions(
  flags: MarkupFlags,
  config: MarkupConfig | Config,
  setup: MarkupSetup = {},
): Promise<Markup> {
  return markupFromConfig(config, markupOverrides(flags, setup));
}

/** A ready Marker for the flags and the configuration. */
export async function markerFromOptions(
  flags: MarkupFlags,
  config: MarkupConfig | Config,
  setup: MarkupSetup = {},
): Promise<Marker> {
  return new Marker(await markupFromOptions(flags, config, setup));
}
