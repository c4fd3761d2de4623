import type { Essay } from '../essay/index.js';
import { MarkupError } from './errors.js';
import { describe, isThenable, toEssay } from './to-essay.js';
import type { Markup, MarkupContext } from './types.js';

/** A plain function markup: `(essay, context) => essay | Promise<essay>`. */
export type MarkupFunction = (essay: Essay, context: MarkupContext) => unknown;

/** The shape a user's object must have; results are checked at run time, so they are `unknown` here. */
interface UserMarkup {
  name?: unknown;
  warning?: unknown;
  markup(essay: Essay, context: MarkupContext): unknown;
  markupSync?(essay: Essay): unknown;
  close?(): unknown;
}

export function hasMarkupMethod(value: unknown): value is UserMarkup {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { markup?: unknown }).markup === 'function'
  );
}

/** True for `class X {}` and for transpiled classes whose prototype has `markup`. */
export function isMarkupClass(value: unknown): value is new () => unknown {
  if (typeof value !== 'function') return false;
  const prototype = (value as { prototype?: unknown }).prototype;
  return /^class[\s{]/.test(Function.prototype.toString.call(value)) || hasMarkupMethod(prototype);
}

/**
Wraps a user's markup object or function so it behaves like a shipped one: it gets a copy of the
essay (the user may change it freely), an already-aborted signal stops it before it starts, a plain
essay object it returns becomes an `Essay`, and `close()` runs at most once.
*/
export function adaptMarkup(target: UserMarkup | MarkupFunction, fallbackName: string): Markup {
  const user: UserMarkup = typeof target === 'function' ? { markup: target } : target;
  const name = typeof user.name === 'string' && user.name !== '' ? user.name : fallbackName;
  const sync = typeof target === 'function' ? target : user.markupSync;
  let closing: Promise<void> | undefined;

  const adapted: Markup = {
    name,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      const result: unknown = await user.markup(essay.clone(), context);
      return toEssay(result, { markup: name, fileId: context.fileId });
    },
    close() {
      closing ??= Promise.resolve()
        .then(() => user.close?.())
        .then(() => undefined);
      return closing;
    },
  };
  if (typeof user.warning === 'string') Object.assign(adapted, { warning: user.warning });
  if (typeof sync === 'function') {
    adapted.markupSync = (essay: Essay) => {
      const result: unknown = sync.call(user, essay.clone(), undefined as never);
      if (isThenable(result)) {
        throw new MarkupError(
          `markup "${name}" returned ${describe(result)} from a synchronous call; one-off use needs a markup that returns the essay directly`,
          'config',
          { markup: name, fileId: essay.meta.id },
        );
      }
      return toEssay(result, { markup: name, fileId: essay.meta.id });
    };
  }
  return adapted;
}
