import { ToolkitError } from '../errors.js';

/**
The configuration cannot be used. Lists every problem at once, one per line, each in the form
`VARIABLE: "value" what is wrong; what is allowed`, so a user fixes the whole `.env` in one go.
*/
export class ConfigError extends ToolkitError {
  override name = 'ConfigError' as const;
  /** One line per problem, each starting with the variable's name. */
  readonly problems: readonly string[];
  /** The env file that was read (absolute path), if any. */
  readonly envFile: string | undefined;

  constructor(problems: readonly string[], envFile?: string) {
    const source = envFile ? ` (env file ${envFile}, overridden by the process environment)` : '';
    super(`Invalid configuration${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
    this.envFile = envFile;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError || (error instanceof Error && error.name === 'ConfigError');
}
