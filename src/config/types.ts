/** The production platform; HOST defaults to it. */
export const DEFAULT_HOST = 'https://ds.readable.upgreat.one';

/**
The validated configuration: `.env` (or an explicit env file) overridden by the process environment.
Frozen; paths are absolute.
*/
export interface Config {
  /** `TOKEN`. Absent means "use the built-in local platform". */
  readonly token?: string;
  /** `HOST`, normalised to `scheme://host[:port]` without the `/pku` namespace. @default DEFAULT_HOST */
  readonly host: string;
  /** `DEBUG`: log every exchanged message and write `logs/debug_{date}.log`. @default false */
  readonly debug: boolean;
  /** `SESSION_IS_ONLY_SAVE_FILES`: receive and save essays, mark and send nothing. @default false */
  readonly onlySaveFiles: boolean;
  /** `SESSION_WS_PROTOCOL_VERSION`: sent as the `version` query parameter. @default 2 */
  readonly wsProtocolVersion: 2;
  /** `DEBUG_MAX_MARKUP_DEMO_DELAY`: the demo markup waits a random 0..this many seconds. @default 0 */
  readonly demoMaxDelaySec: number;
  /** `CHECK_DIRECTORY_ANSWER`: send answers a separate program writes into the output directory. @default false */
  readonly checkDirectoryAnswer: boolean;
  /** `CHECK_DIRECTORY_ANSWER_DELAY`: wait at most this long for such an answer (never beyond the deadline). */
  readonly checkDirectoryAnswerDelaySec?: number;
  /** `TLS_INSECURE`: skip TLS certificate checks (explicit opt-out). @default false */
  readonly tlsInsecure: boolean;
  /** `FILES_DIR`, absolute. @default '<cwd>/files' */
  readonly filesDir: string;
  /** `LOGS_DIR`, absolute. @default '<cwd>/logs' */
  readonly logsDir: string;
  /** `MARKUP`: `demo`, or an absolute path to a markup module (given relative to the working directory). */
  readonly markup?: string;
  /** `MARKUP_COMMAND`: a shell command that marks up an essay. */
  readonly markupCommand?: string;
  /** `MARKUP_WORKER`: the shell command of a long-lived worker (docs/markup-worker.md). */
  readonly markupWorker?: string;
  /** `MARKUP_WORKERS`: how many workers. */
  readonly markupWorkers?: number;
  /** `MARKUP_WORKER_INFLIGHT`: essays in flight per worker. */
  readonly markupWorkerInflight?: number;
  /** `MARKUP_WORKER_START_TIMEOUT`: seconds a worker may take to be ready. */
  readonly markupWorkerStartTimeoutSec?: number;
  /** `MARKUP_URL`: model servers the essays are POSTed to (comma-separated; docs/markup-http.md). */
  readonly markupUrls?: readonly string[];
  /** `MARKUP_URL_INFLIGHT`: requests in flight per model server. */
  readonly markupUrlInflight?: number;
  /** `MARKUP_AUTH`: the `Authorization` header sent to the model servers. A secret: always masked. */
  readonly markupAuth?: string;
  /** `MARKUP_LLM`: an OpenAI-compatible chat-completions endpoint (docs/markup-llm.md). */
  readonly markupLlm?: string;
  /** `LLM_MODEL`: the model name sent to it. */
  readonly llmModel?: string;
  /** `LLM_API_KEY`: sent as a bearer token to the LLM endpoint. A secret: always masked. */
  readonly llmApiKey?: string;
  /** `LLM_PROMPT_FILE`: a prompt template replacing the default, absolute. */
  readonly llmPromptFile?: string;
  /** `SESSION_CONCURRENCY`: essays marked at the same time. @default 4 */
  readonly concurrency: number;
  /**
  `SESSION_DURABILITY`: what is flushed to the disk before going on — `atomic` (temp file + rename:
  survives a crash of the process), `fsync-input` (also flushes every received essay before it is
  marked: survives a power loss), `fsync-all` (answers too). @default 'fsync-input'
  */
  readonly durability: 'atomic' | 'fsync-input' | 'fsync-all';
  /**
  `SESSION_ANSWER_TIMEOUT_SEC`: how long `session-start`, `session-reconnect`, `session-file-repeat`
  and `session-client-abort` wait for the platform's answer before the command fails. Unset: 30 s.
  */
  readonly answerTimeoutSec?: number;
  /** The env file that was read (absolute path); absent when there was none. */
  readonly envFile?: string;
}

export interface LoadConfigOptions {
  /** Where `.env` is looked for and relative paths are resolved. @default process.cwd() */
  cwd?: string;
  /** An env file to read instead of `<cwd>/.env`; relative to `cwd`. It must exist. */
  envFile?: string;
  /** The environment that overrides the file. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Every variable the toolkit reads, in the order `.env.example` documents them. */
export const ENV_VARIABLES = [
  'TOKEN',
  'HOST',
  'DEBUG',
  'SESSION_IS_ONLY_SAVE_FILES',
  'SESSION_WS_PROTOCOL_VERSION',
  'SESSION_CONCURRENCY',
  'SESSION_DURABILITY',
  'SESSION_ANSWER_TIMEOUT_SEC',
  'MARKUP',
  'MARKUP_COMMAND',
  'MARKUP_WORKER',
  'MARKUP_WORKERS',
  'MARKUP_WORKER_INFLIGHT',
  'MARKUP_WORKER_START_TIMEOUT',
  'MARKUP_URL',
  'MARKUP_URL_INFLIGHT',
  'MARKUP_AUTH',
  'MARKUP_LLM',
  'LLM_MODEL',
  'LLM_API_KEY',
  'LLM_PROMPT_FILE',
  'DEBUG_MAX_MARKUP_DEMO_DELAY',
  'CHECK_DIRECTORY_ANSWER',
  'CHECK_DIRECTORY_ANSWER_DELAY',
  'TLS_INSECURE',
  'FILES_DIR',
  'LOGS_DIR',
] as const;

export type EnvVariable = (typeof ENV_VARIABLES)[number];
