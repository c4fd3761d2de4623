import { createWorkerMarkup } from '../../src/markup/index.js';
import { sampleEssay, contextFor } from './support.js';
for (const command of ['node test/markup/fixtures/worker.mjs ok', 'python3 examples/python/my_worker.py']) {
  const m = await createWorkerMarkup({
    command,
    cwd: '/work/wt/models',
    workers: 2,
    inflight: 2,
    env: { ...process.env, MODEL_LOAD_SECONDS: '0' },
  });
  await m.markup(sampleEssay(), contextFor());
  await m.close?.();
  await m.close?.();
}
setTimeout(() => {
  const h = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  console.error(
    h.map(
      (x) =>
        (x as object).constructor.name +
        ' ' +
        String((x as { fd?: number }).fd) +
        ' ' +
        String((x as { spawnfile?: string }).spawnfile ?? ''),
    ),
  );
}, 3000).unref();
