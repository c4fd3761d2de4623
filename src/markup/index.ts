export type { Markup, MarkupContext } from './types.js';
export { Marker } from './marker.js';
export { MarkupError } from './errors.js';
export type { MarkupFailure } from './errors.js';
export { createDemoMarkup, DEMO_WARNING } from './demo.js';
export type { DemoMarkupOptions } from './demo.js';
export { createMarkup, registerMarkup, markupKinds } from './factory.js';
export type { MarkupFactory, MarkupOptions } from './factory.js';
