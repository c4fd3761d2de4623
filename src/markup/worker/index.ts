export { createWorkerMarkup } from './worker-markup.js';
export type { WorkerMarkupOptions } from './worker-markup.js';
