export { loadConfig } from './load-config.js';
export { ConfigError, isConfigError } from './config-error.js';
export { maskToken, maskSecrets, secretForms } from './mask.js';
export { DEFAULT_HOST, ENV_VARIABLES } from './types.js';
export type { Config, LoadConfigOptions, EnvVariable } from './types.js';
