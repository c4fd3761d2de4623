// Scoring in worker threads (docs/eval.md): `--jobs N` scores on up to N cores while markups run.
import { Worker } from 'node:worker_threads';
import type { M7Tables, PsrOptions } from '../scoring/psr/index.js';
import type { ScoreEssayInput } from './score-essay.js';
import type { Scorer } from './run.js';
import type { EssayScore } from './types.js';
import type { WorkerSetup } from './score-worker.js';

export interface ScorePool {
  scorer: Scorer;
  /** Scores many at once (batched messages): what `npm run bench` measures. */
  scoreAll(inputs: readonly ScoreEssayInput[]): Promise<EssayScore[]>;
  close(): Promise<void>;
}

function tablesToRows(t: M7Tables): NonNullable<WorkerSetup['m7']> {
  // The last-wins maps rebuild both views in the worker: a first-wins lookup of them gives the same marks
  // only when ids are unique, so send the first-wins rows first and the last-wins rows after them.
  const rows = (m: ReadonlyMap<string, number>) => [...m].map(([mk_uuid, mark]) => ({ mk_uuid, mark }));
  return {
    participant: [...rows(t.participant), ...rows(t.participantLast ?? t.participant)],
    expert: [...rows(t.expert), ...rows(t.expertLast ?? t.expert)],
    excluded: [...t.excluded],
  };
}

/**
Built, the worker is `score-worker.js`. Under tsx (tests, bench) it is a `.ts` file, and a worker does not get the
loader hooks of the main thread, so it registers tsx itself before importing the worker module.
*/
function spawnWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./score-worker.js', import.meta.url), { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const file = new URL('./score-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(code, { eval: true, workerData: setup });
}

export function createScorePool(size: number, options: PsrOptions = {}): ScorePool {
  const setup: WorkerSetup = {
    ...(options.m7Tables && { m7: tablesToRows(options.m7Tables) }),
    ...(options.compat && { compat: options.compat }),
  };
  type Pending = { resolve: (s: EssayScore) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  const load: number[] = [];
  const workers = Array.from({ length: Math.max(1, size) }, (_, w) => {
    const worker = spawnWorker(setup);
    load[w] = 0;
    worker.on('message', (batch: Array<{ id: number; score: EssayScore }>) => {
      load[w]! -= batch.length;
      for (const { id, score } of batch) {
        pending.get(id)?.resolve(score);
        pending.delete(id);
      }
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    return worker;
  });
  let nextId = 0;
  const send = (inputs: readonly ScoreEssayInput[], w: number): Promise<EssayScore>[] => {
    const batch = inputs.map((input) => ({ id: nextId++, input }));
    const promises = batch.map(
      ({ id }) => new Promise<EssayScore>((resolve, reject) => pending.set(id, { resolve, reject })),
    );
    load[w]! += batch.length;
    workers[w]!.postMessage(batch);
    return promises;
  };
  const leastLoaded = (): number => load.indexOf(Math.min(...load));
  return {
    scorer: (input) => send([input], leastLoaded())[0]!,
    async scoreAll(inputs) {
      const chunk = 64;
      const promises: Promise<EssayScore>[] = [];
      for (let i = 0; i < inputs.length; i += chunk)
        promises.push(...send(inputs.slice(i, i + chunk), leastLoaded()));
      return Promise.all(promises);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
