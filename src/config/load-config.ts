import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from './config-error.js';
import { maskSecrets, maskToken } from './mask.js';
import {
  parseBoolean,
  parseHost,
  parsePositiveInteger,
  parseDurability,
  parseProtocolVersion,
  parseSecondsAboveZero,
  parseSecondsAtLeastZero,
  parseToken,
  type Parsed,
} from './parse-value.js';
import {
  DEFAULT_HOST,
  ENV_VARIABLES,
  type Config,
  type EnvVariable,
  type LoadConfigOptions,
} from './types.js';

type RawValues = Partial<Record<EnvVariable, string>>;

/**
Reads the env file, lets the process environment override it, validates every variable and returns a
frozen `Config`. Throws one `ConfigError` listing all problems. An empty value counts as unset, so
`TOKEN=` in `.env` means "no token" and the defaults apply.
*/
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const { values: fileValues, path: envFile } = readEnvFile(cwd, options.envFile);

  const raw: RawValues = {};
  for (const name of ENV_VARIABLES) {
    const value = env[name] ?? fileValues[name];
    const trimmed = value?.trim();
    if (trimmed) raw[name] = trimmed;
  }

  const problems: string[] = [];
  const take = <T>(name: EnvVariable, parse: (raw: string) => Parsed<T>, fallback: T): T => {
    const value = raw[name];
    if (value === undefined) return fallback;
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    const shown =
      name === 'TOKEN' || name === 'MARKUP_AUTH' || name === 'LLM_API_KEY'
        ? maskToken(value)
        : name === 'HOST'
          ? maskTokenParameter(value)
          : value;
    problems.push(`${name}: ${JSON.stringify(shown)} ${parsed.problem}`);
    return fallback;
  };

  const token = take('TOKEN', parseToken, undefined);
  const config: Config = {
    ...(token !== undefined && { token }),
    host: take('HOST', parseHost, DEFAULT_HOST),
    debug: take('DEBUG', parseBoolean, false),
    onlySaveFiles: take('SESSION_IS_ONLY_SAVE_FILES', parseBoolean, false),
    wsProtocolVersion: take('SESSION_WS_PROTOCOL_VERSION', parseProtocolVersion, 2),
    demoMaxDelaySec: take('DEBUG_MAX_MARKUP_DEMO_DELAY', parseSecondsAtLeastZero, 0),
    checkDirectoryAnswer: take('CHECK_DIRECTORY_ANSWER', parseBoolean, false),
    ...optional(
      'checkDirectoryAnswerDelaySec',
      take('CHECK_DIRECTORY_ANSWER_DELAY', parseSecondsAboveZero, undefined),
    ),
    tlsInsecure: take('TLS_INSECURE', parseBoolean, false),
    filesDir: resolve(cwd, raw.FILES_DIR ?? 'files'),
    logsDir: resolve(cwd, raw.LOGS_DIR ?? 'logs'),
    ...optional('markup', raw.MARKUP === undefined ? undefined : resolveMarkup(cwd, raw.MARKUP)),
    ...optional('markupCommand', raw.MARKUP_COMMAND),
    ...optional('markupWorker', raw.MARKUP_WORKER),
    ...optional('markupUrls', take('MARKUP_URL', parseUrlList, undefined)),
    ...optional('markupUrlInflight', take('MARKUP_URL_INFLIGHT', parsePositiveInteger, undefined)),
    ...optional('markupAuth', raw.MARKUP_AUTH),
    ...optional('markupLlm', raw.MARKUP_LLM),
    ...optional('llmModel', raw.LLM_MODEL),
    ...optional('llmApiKey', raw.LLM_API_KEY),
    ...optional(
      'llmPromptFile',
      raw.LLM_PROMPT_FILE === undefined ? undefined : resolve(cwd, raw.LLM_PROMPT_FILE),
    ),
    ...optional('markupWorkers', take('MARKUP_WORKERS', parsePositiveInteger, undefined)),
    ...optional('markupWorkerInflight', take('MARKUP_WORKER_INFLIGHT', parsePositiveInteger, undefined)),
    ...optional(
      'markupWorkerStartTimeoutSec',
      take('MARKUP_WORKER_START_TIMEOUT', parseSecondsAboveZero, undefined),
    ),
    concurrency: take('SESSION_CONCURRENCY', parsePositiveInteger, 4),
    durability: take('SESSION_DURABILITY', parseDurability, 'fsync-input'),
    ...optional('answerTimeoutSec', take('SESSION_ANSWER_TIMEOUT_SEC', parseSecondsAboveZero, undefined)),
    ...optional('envFile', envFile),
  };

  if (problems.length > 0) {
    // A token pasted into HOST (say, `...?token=...`) must not reach the terminal either.
    const secrets = [raw.TOKEN, raw.MARKUP_AUTH, raw.LLM_API_KEY].filter((s): s is string => s !== undefined);
    throw new ConfigError(
      problems.map((p) => maskSecrets(p, secrets)),
      envFile,
    );
  }
  return Object.freeze(config);
}

/** A HOST copied from a connection URL carries the token as `?token=...`, TOKEN set or not. */
function maskTokenParameter(url: string): string {
  return (
    url
      .replace(/([?&]token=)([^&#]*)/gi, (_match, key: string, token: string) => key + maskToken(token))
      // A password in the URL is a secret too: `http://user:pw@host` → `http://user:****@host`.
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)([^/@]*)@/i, '$1****@')
  );
}

/** `MARKUP_URL`: one or more http(s) URLs, separated by commas or spaces. */
function parseUrlList(raw: string): Parsed<string[]> {
  const urls = raw.split(/[\s,]+/).filter((u) => u !== '');
  const bad = urls.find((u) => !/^https?:\/\/[^\s/]/i.test(u));
  return bad === undefined
    ? { ok: true, value: urls }
    : { ok: false, problem: `has ${JSON.stringify(bad)}, which is not an http(s) URL` };
}

/** Keeps absent fields absent instead of present-and-undefined, so configs compare and print cleanly. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `demo` is the shipped implementation; anything else is a module path, taken relative to `cwd`. */
function resolveMarkup(cwd: string, value: string): string {
  return value.toLowerCase() === 'demo' ? 'demo' : resolve(cwd, value);
}

function readEnvFile(
  cwd: string,
  explicit: string | undefined,
): { values: Record<string, string>; path: string | undefined } {
  const path = resolve(cwd, explicit ?? '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && explicit === undefined) return { values: {}, path: undefined };
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError([`env file: ${JSON.stringify(path)} ${why}`]);
  }
  // dotenv.parse only returns the values; unlike dotenv.config it leaves process.env alone.
  return { values: parseDotenv(text), path };
}
