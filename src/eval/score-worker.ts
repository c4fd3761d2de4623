// Worker thread of the scoring pool: scores the essays it is sent, one reply per essay.
import { parentPort, workerData } from 'node:worker_threads';
import { createM7Tables } from '../scoring/psr/index.js';
import type { M7Row, PsrCompat } from '../scoring/psr/index.js';
import { EssayScoreError, failedScore, scoreEssay } from './score-essay.js';
import type { ScoreEssayInput } from './score-essay.js';

export interface WorkerSetup {
  m7?: { participant: M7Row[]; expert: M7Row[]; excluded: string[] };
  compat?: PsrCompat;
}

const setup = workerData as WorkerSetup;
const options = {
  ...(setup.m7 !== undefined && { m7Tables: createM7Tables(setup.m7) }),
  ...(setup.compat !== undefined && { compat: setup.compat }),
};

parentPort!.on('message', (batch: Array<{ id: number; input: ScoreEssayInput }>) => {
  const out = batch.map(({ id, input }) => {
    try {
      return { id, score: scoreEssay(input, options) };
    } catch (error) {
      const stage = error instanceof EssayScoreError ? error.stage : 'score';
      const message =
        error instanceof EssayScoreError ? error.message : `unexpected: ${(error as Error).message}`;
      return { id, score: failedScore(input, stage, message) };
    }
  });
  parentPort!.postMessage(out);
});
