import { createWorkerMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { NODE, ROOT } from './support.js';

markupContract('worker: node fixture, 2 workers × 2 in flight', async () => ({
  markup: await createWorkerMarkup({
    command: `${NODE} test/markup/fixtures/worker.mjs ok`,
    cwd: ROOT,
    workers: 2,
    inflight: 2,
  }),
}));
markupContract('worker: examples/node-worker.mjs', async () => ({
  markup: await createWorkerMarkup({ command: `${NODE} examples/node-worker.mjs`, cwd: ROOT }),
}));
markupContract('worker: python3 examples/python/my_worker.py', async () => ({
  markup: await createWorkerMarkup({
    command: 'python3 examples/python/my_worker.py',
    cwd: ROOT,
    inflight: 2,
    env: { ...process.env, MODEL_LOAD_SECONDS: '0' },
  }),
}));
