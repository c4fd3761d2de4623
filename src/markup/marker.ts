import { Essay } from '../essay/index.js';
import { MarkupError } from './errors.js';
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

  async markup(essay: Essay, context: MarkupContext): Promise<Essay | null> {
    const where = { markup: this.name, fileId: context.fileId };
    if (context.signal.aborted)
      throw new MarkupError(`markup "${this.name}" was not started: aborted`, 'aborted', where);
    let result: Essay | null;
    try {
      result = await raceAbort(this.implementation.markup(essay.clone(), context), context.signal);
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
    const result = sync.call(this.implementation, essay.clone());
    return result === null ? null : this.check(essay, result, fileId);
  }

  async close(): Promise<void> {
    await this.implementation.close?.();
  }

  private check(input: Essay, output: unknown, fileId: string): Essay {
    const where = { markup: this.name, fileId };
    if (!(output instanceof Essay)) {
      throw new MarkupError(
        `markup "${this.name}" returned ${describe(output)} for file ${fileId}, not an Essay`,
        'invalid',
        where,
      );
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

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
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
