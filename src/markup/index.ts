// The markup module: a Marker in front of one Markup implementation. Import it only through this file.

export type { Markup, MarkupContext, MarkupLogger } from './types.js';
export { Marker } from './marker.js';

export { MarkupError, isMarkupError } from './errors.js';
export type { MarkupFailure, MarkupErrorContext } from './errors.js';

export { createMarkup, registerMarkup, markupKinds, isMarkupKind } from './factory.js';
export type { MarkupFactory, MarkupOptions } from './factory.js';

export { createDemoMarkup, DEMO_WARNING } from './demo.js';
export type { DemoMarkupOptions } from './demo.js';
export { loadModuleMarkup } from './module-markup.js';
export type { ModuleMarkupOptions } from './module-markup.js';
export { adaptMarkup } from './adapt-markup.js';
export type { MarkupFunction } from './adapt-markup.js';
export { createCommandMarkup } from './command-markup.js';
export type { CommandMarkupOptions } from './command-markup.js';
export { createDirectoryMarkup } from './directory-markup.js';
export type { DirectoryMarkupOptions } from './directory-markup.js';
export { createOnlySaveMarkup } from './only-save.js';
export { createWorkerMarkup } from './worker/index.js';
export { createHttpMarkup } from './http/index.js';
export { createLlmMarkup, Anchorer } from './llm/index.js';
export type { LlmMarkupOptions, Anchor } from './llm/index.js';
export type { HttpMarkupOptions } from './http/index.js';
export type { WorkerMarkupOptions } from './worker/index.js';

// Intentionally not exported: runCommand, waitForFile and CapturedText are implementation
// details of the command and directory markups; toEssay is reached through the Marker.
