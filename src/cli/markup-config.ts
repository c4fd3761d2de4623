import type { Config } from '../config/index.js';
import { createMarkup, isMarkupKind, MarkupError } from '../markup/index.js';
import type { Markup, MarkupOptions } from '../markup/index.js';

/** The part of `Config` that chooses and tunes the markup. A full `Config` fits. */
export type MarkupConfig = Partial<
  Pick<
    Config,
    | 'onlySaveFiles'
    | 'checkDirectoryAnswer'
    | 'checkDirectoryAnswerDelaySec'
    | 'markup'
    | 'markupCommand'
    | 'markupWorker'
    | 'markupWorkers'
    | 'markupWorkerInflight'
    | 'markupWorkerStartTimeoutSec'
    | 'markupUrls'
    | 'markupUrlInflight'
    | 'markupAuth'
    | 'tlsInsecure'
    | 'markupLlm'
    | 'llmModel'
    | 'llmApiKey'
    | 'llmPromptFile'
    | 'demoMaxDelaySec'
  >
>;

/** What the command line adds: flags win over `.env`, and the rest of `MarkupOptions` passes through. */
export interface MarkupOverrides extends Omit<
  MarkupOptions,
  'modulePath' | 'command' | 'workerCommand' | 'urls'
> {
  /** `--markup`: a registered kind (`demo`, …) or the path of a module, relative to `cwd`. Replaces `MARKUP` and `MARKUP_COMMAND`. */
  markup?: string;
  /** `--markup-command`: replaces `MARKUP` and `MARKUP_COMMAND`. */
  markupCommand?: string;
  /** `--markup-worker`: replaces the algorithm settings of `.env` likewise. */
  markupWorker?: string;
  /** `--markup-url` (repeatable): likewise. */
  markupUrls?: readonly string[];
  /** `--markup-llm`: likewise. */
  markupLlm?: string;
  onlySaveFiles?: boolean;
  checkDirectoryAnswer?: boolean;
}

interface Choice {
  kind: string;
  /** The setting that asked for it, as the user wrote it (`MARKUP_COMMAND`, `--markup`). */
  source: string;
  value?: string;
  urls?: readonly string[];
}

/** Kinds that `--markup NAME` may not name, because they need settings of their own. */
const NEEDS_SETTINGS = new Set(['module', 'command', 'worker', 'http', 'llm']);

/**
Builds the markup the configuration asks for: only-save > directory > command > worker > http > llm > module > demo.
Two settings that each choose a markup (say `SESSION_IS_ONLY_SAVE_FILES` and
`CHECK_DIRECTORY_ANSWER`, or `MARKUP` and `MARKUP_COMMAND`) are a `config` MarkupError
instead of a silent pick. Nothing set means the demo.
*/
export async function markupFromConfig(
  config: MarkupConfig,
  overrides: MarkupOverrides = {},
): Promise<Markup> {
  const {
    markup,
    markupCommand,
    markupWorker,
    markupUrls,
    markupLlm,
    onlySaveFiles,
    checkDirectoryAnswer,
    ...options
  } = overrides;
  const choices: Choice[] = [];
  if (onlySaveFiles ?? config.onlySaveFiles)
    choices.push({
      kind: 'only-save',
      source: source(onlySaveFiles, 'SESSION_IS_ONLY_SAVE_FILES', 'onlySaveFiles'),
    });
  if (checkDirectoryAnswer ?? config.checkDirectoryAnswer)
    choices.push({
      kind: 'directory',
      source: source(checkDirectoryAnswer, 'CHECK_DIRECTORY_ANSWER', 'checkDirectoryAnswer'),
    });

  // A flag that picks the algorithm replaces what .env picked, rather than conflicting with it.
  const fromFlags =
    markup !== undefined ||
    markupCommand !== undefined ||
    markupWorker !== undefined ||
    markupUrls !== undefined ||
    markupLlm !== undefined;
  const llm = fromFlags ? markupLlm : config.markupLlm;
  const urls = fromFlags ? markupUrls : config.markupUrls;
  const command = fromFlags ? markupCommand : config.markupCommand;
  const worker = fromFlags ? markupWorker : config.markupWorker;
  const moduleOrKind = fromFlags ? markup : config.markup;
  if (command !== undefined)
    choices.push({
      kind: 'command',
      source: fromFlags ? '--markup-command' : 'MARKUP_COMMAND',
      value: command,
    });
  if (urls !== undefined && urls.length > 0)
    choices.push({ kind: 'http', source: fromFlags ? '--markup-url' : 'MARKUP_URL', urls });
  if (llm !== undefined)
    choices.push({ kind: 'llm', source: fromFlags ? '--markup-llm' : 'MARKUP_LLM', value: llm });
  if (worker !== undefined)
    choices.push({ kind: 'worker', source: fromFlags ? '--markup-worker' : 'MARKUP_WORKER', value: worker });
  if (moduleOrKind !== undefined) {
    const named = moduleOrKind.toLowerCase();
    const kind = isMarkupKind(named) && !NEEDS_SETTINGS.has(named) ? named : 'module';
    choices.push({ kind, source: fromFlags ? '--markup' : 'MARKUP', value: moduleOrKind });
  }

  if (choices.length > 1) {
    const listed = choices.map((c) => `${c.source} (${c.kind})`).join(', ');
    throw new MarkupError(
      `conflicting markup settings: ${listed}; set only one of them (precedence, were it allowed: only-save > directory > command > worker > http > llm > module > demo)`,
      'config',
      { markup: choices.map((c) => c.kind).join('+') },
    );
  }

  const chosen = choices[0] ?? { kind: 'demo', source: 'default' };
  return createMarkup(chosen.kind, {
    ...(config.demoMaxDelaySec !== undefined && { demoMaxDelaySec: config.demoMaxDelaySec }),
    ...(config.checkDirectoryAnswerDelaySec !== undefined && {
      directoryDelaySec: config.checkDirectoryAnswerDelaySec,
    }),
    ...(config.markupWorkers !== undefined && { workers: config.markupWorkers }),
    ...(config.markupWorkerInflight !== undefined && { workerInflight: config.markupWorkerInflight }),
    ...(config.markupWorkerStartTimeoutSec !== undefined && {
      workerStartTimeoutSec: config.markupWorkerStartTimeoutSec,
    }),
    ...(config.markupUrlInflight !== undefined && { urlInflight: config.markupUrlInflight }),
    ...(config.markupAuth !== undefined && { auth: config.markupAuth }),
    ...(config.tlsInsecure === true && { insecure: true }),
    ...options,
    ...(chosen.urls !== undefined && { urls: chosen.urls }),
    ...(config.llmModel !== undefined && { llmModel: config.llmModel }),
    ...(config.llmApiKey !== undefined && { llmApiKey: config.llmApiKey }),
    ...(config.llmPromptFile !== undefined && { llmPromptFile: config.llmPromptFile }),
    ...(chosen.kind === 'llm' && { llmUrl: chosen.value }),
    ...(chosen.kind === 'command' && { command: chosen.value }),
    ...(chosen.kind === 'worker' && { workerCommand: chosen.value }),
    ...(chosen.kind === 'module' && { modulePath: chosen.value }),
  });
}

function source(override: boolean | undefined, variable: string, option: string): string {
  return override === undefined ? variable : `the ${option} option`;
}
