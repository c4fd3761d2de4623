export { createHttpMarkup } from './http-markup.js';
export type { HttpMarkupOptions } from './http-markup.js';
