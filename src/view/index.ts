// The web view (docs/view.md): a loopback HTTP server over sessions, eval runs, datasets and essay files,
// and the same pages as self-contained HTML files.
export { startViewServer } from './server.js';
export type { ViewServer, ViewServerOptions } from './server.js';
export { Roots } from './roots.js';
export { ViewError } from './errors.js';
export { compareHtmlFile, runHtmlFile } from './standalone.js';
