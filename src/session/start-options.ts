import {
  START_LIMITS,
  SESSION_TYPES,
  DATASET_TYPES,
  LANGS,
  TECHNICAL_FILE_TIME_SEC,
  DEFAULT_FILE_TIME_SEC,
  checkStartRequest,
} from '../protocol/index.js';
import type { DatasetType, Lang, SessionType, StartRequest } from '../protocol/index.js';
import { StartOptionsError } from './errors.js';

/** What a user asks for; mapped onto the `session-start` payload of docs/protocol.md §4. */
export interface StartOptions {
  /** @default 'algorithmic' */
  type?: SessionType | string;
  /** `params.dsType`. @default 'train' */
  dataset?: DatasetType | string;
  /** `params.lang`. @default 'all' */
  lang?: Lang | string;
  /** `params.countFiles`, 10–1000. @default 10 */
  count?: number | string;
  /** `params.time`, seconds per file, 10–60. @default 60 */
  time?: number | string;
}

export const DEFAULT_START: Required<StartOptions> = {
  type: 'algorithmic',
  dataset: 'train',
  lang: 'all',
  count: 10,
  time: 60,
};

const OPTION_OF_FIELD: Record<string, keyof StartOptions> = {
  type: 'type',
  'params.dsType': 'dataset',
  'params.lang': 'lang',
  'params.countFiles': 'count',
  'params.time': 'time',
};

/**
Validates start options with the protocol's own rules (the ones the platform applies) and
builds the payload. Throws `StartOptionsError` naming the option in the user's terms
(`count`, not `params.countFiles`), before anything is sent.
*/
export function buildStartRequest(options: StartOptions = {}): StartRequest {
  const o = { ...DEFAULT_START, ...stripUndefined(options) };
  const check = checkStartRequest({
    type: o.type,
    params: { dsType: o.dataset, lang: o.lang, countFiles: o.count, time: o.time },
  });
  if (check.ok) return check.value;
  const field = Object.keys(OPTION_OF_FIELD).find((f) => check.message.startsWith(`${f} `));
  const option = field ? OPTION_OF_FIELD[field]! : 'type';
  throw new StartOptionsError(
    `\`${option}\`: ${describeRule(option)} (got ${JSON.stringify(o[option])})`,
    option,
    o[option],
  );
}

function describeRule(option: keyof StartOptions): string {
  switch (option) {
    case 'type':
      return `must be one of ${SESSION_TYPES.join(', ')}`;
    case 'dataset':
      return `must be one of ${DATASET_TYPES.join(', ')}`;
    case 'lang':
      return `must be one of ${LANGS.join(', ')}`;
    case 'count':
      return `number of files must be an integer from ${START_LIMITS.countFiles.min} to ${START_LIMITS.countFiles.max}`;
    case 'time':
      return `seconds per file must be an integer from ${START_LIMITS.time.min} to ${START_LIMITS.time.max}`;
  }
}

function stripUndefined(o: StartOptions): StartOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as StartOptions;
}

/** Seconds per file the platform will use for this request (a final's regulation may differ). */
export function fileTimeSec(request: StartRequest): number {
  if (request.type === 'technical') return TECHNICAL_FILE_TIME_SEC;
  return request.params?.time ?? DEFAULT_FILE_TIME_SEC;
}
