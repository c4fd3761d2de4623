import { TECHNICAL_FILE_TIME_SEC } from '../protocol/index.js';
import type { StartParams, StartRequest } from '../protocol/index.js';
import type { Dataset, DatasetEntry } from './dataset.js';

export interface PlanLimits {
  technicalFiles: number;
  finalFiles: number;
  finalTimeSec: number;
}

export interface SessionPlanSpec {
  params: StartParams | undefined;
  fileTimeSec: number;
  entries: DatasetEntry[];
}

/**
Which essays a session gets, and how long each file has. An algorithmic session takes up to
`countFiles` essays of `dsType` × `lang` (fewer when the dataset has fewer); a technical one the
first train essays of both languages at 60 s each; a final one the test essays at the final's time.
*/
export function planSession(
  request: StartRequest,
  dataset: Dataset,
  limits: PlanLimits,
): SessionPlanSpec | { error: string } {
  if (request.type === 'algorithmic' && request.params !== undefined) {
    const { dsType, lang, countFiles, time } = request.params;
    const pool = dataset.select(dsType, lang);
    if (pool.length === 0)
      return { error: `the dataset has no essays for dsType ${dsType} and lang ${lang}` };
    return { params: request.params, fileTimeSec: time, entries: pool.slice(0, countFiles) };
  }
  const technical = request.type === 'technical';
  const pool = dataset.select(technical ? 'train' : 'test', 'all');
  if (pool.length === 0) {
    return {
      error: `the dataset has no ${technical ? 'train' : 'test'} essays for a ${request.type} session`,
    };
  }
  return {
    params: undefined,
    fileTimeSec: technical ? TECHNICAL_FILE_TIME_SEC : limits.finalTimeSec,
    entries: pool.slice(0, technical ? limits.technicalFiles : limits.finalFiles),
  };
}
