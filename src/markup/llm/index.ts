export { createLlmMarkup } from './llm-markup.js';
export type { LlmMarkupOptions } from './llm-markup.js';
export { Anchorer } from './anchor.js';
export type { Anchor } from './anchor.js';
