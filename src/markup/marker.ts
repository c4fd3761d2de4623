import type { Essay } from '../essay/index.js';
import { MarkupError } from './errors.js';
import { toEssay } from './to-essay.js';
import type { Markup, MarkupContext } from './types.js';

/**
The one entry point the session calls. It hands the implementation a copy (so a markup
cannot corrupt the saved input), stops waiting when the context is aborted, and checks
what comes back before anyone sends it.
*/
export class Marker {
  constructor(readonly implementation: Markup) {}

  get name(): string {
    return this.implementation.name;
  }

  /** The implementation's warning (the demo's "not for a real qualification"), for the session to log. */
  get warning(): string | undefined {
    return this.implementation.warning;
  }

  async markup(essay: Essay, context: MarkupContext): Promise<Essay | null> {
    const where = { markup: this.name, fileId: context.fileId };
    if (context.signal.aborted)
      throw new MarkupError(`markup "${this.name}" was not started: aborted`, 'aborted', where);
    let result: unknown;
    try {
      // Promise.resolve: a JavaScript markup may return a plain value or throw synchronously.
      const running = Promise.resolve().then(() => this.implementation.markup(essay.clone(), context));
      result = await raceAbort(running, context.signal);
    } catch (error) {
      if (error instanceof MarkupError) throw error;
      if (context.signal.aborted) {
        throw new MarkupError(`markup "${this.name}" aborted for file ${context.fileId}`, 'aborted', where, {
          cause: error,
        });
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new MarkupError(
        `markup "${this.name}" failed for file ${context.fileId}: ${reason}`,
        'threw',
        where,
        {
          cause: error,
        },
      );
    }
    return result === null ? null : this.check(essay, result, context.fileId);
  }

  /** One-off use from the command line; needs an implementation with `markupSync`. */
  markupSync(essay: Essay, fileId = essay.meta.id): Essay | null {
    const sync = this.implementation.markupSync;
    if (!sync)
      throw new MarkupError(`markup "${this.name}" has no synchronous variant`, 'config', {
        markup: this.name,
      });
    let result: unknown;
    try {
      result = sync.call(this.implementation, essay.clone());
    } catch (error) {
      if (error instanceof MarkupError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new MarkupError(
        `markup "${this.name}" failed for file ${fileId}: ${reason}`,
        'threw',
        {
          markup: this.name,
          fileId,
        },
        { cause: error },
      );
    }
    return result === null ? null : this.check(essay, result, fileId);
  }

  #closing: Promise<void> | undefined;

  /** Closes the implementation once; later calls wait for the same close. */
  close(): Promise<void> {
    this.#closing ??= Promise.resolve().then(() => this.implementation.close?.());
    return this.#closing;
  }

  /** A plain essay object is accepted (and read leniently); anything else that is not an Essay is `invalid`. */
  private check(input: Essay, result: unknown, fileId: string): Essay {
    const where = { markup: this.name, fileId };
    const output = toEssay(result, where);
    if (output === null) {
      throw new MarkupError(`markup "${this.name}" returned null for file ${fileId}`, 'invalid', where);
    }
    if (output.text !== input.text) {
      throw new MarkupError(
        `markup "${this.name}" changed the essay text of file ${fileId}; selections must point into the original text`,
        'invalid',
        where,
      );
    }
    const problems = output.checkForWrite();
    if (problems.length > 0) {
      const first = problems[0]!;
      throw new MarkupError(
        `markup "${this.name}" returned an invalid essay: ${first.message}`,
        'invalid',
        where,
        {
          cause: first,
        },
      );
    }
    return output;
  }
}

/** Resolves or rejects with the promise, or rejects as soon as the signal aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
