import { setTimeout as sleep } from 'node:timers/promises';
import type { Essay } from '../essay/index.js';
import type { Markup, MarkupContext } from './types.js';

/** One meaning block per subject, so a demo answer scores as something rather than nothing. */
const DEMO_BLOCK: Record<string, string> = {
  rus: 'проблема',
  'rus-free': 'Р.повтор',
  lit: 'аргумент',
  social: 'идея',
  hist: 'сяп',
  eng: 'проблема',
  'eng-free': 'проблема',
};

export const DEMO_WARNING =
  'The demo markup marks one fixed fragment per essay. It exists to rehearse sessions; never use it in a real qualification.';

export interface DemoMarkupOptions {
  /** Upper bound of a random delay per essay, in seconds (`DEBUG_MAX_MARKUP_DEMO_DELAY`). */
  maxDelaySec?: number;
  /** Injected for reproducible tests. */
  random?: () => number;
}

/** A copy of the essay with its first sentence (at most 200 characters) selected with the subject's block code. */
function mark(input: Essay): Essay {
  const essay = input.clone();
  const type = DEMO_BLOCK[essay.meta.subject.toLowerCase()] ?? 'проблема';
  const text = essay.text;
  const stop = text.search(/[.!?…](\s|$)/);
  const end = Math.min(stop < 0 ? text.length : stop + 1, 200, text.length);
  const group = type.includes('.') ? 'error' : 'meaning';
  essay.selections.add({ startSelection: 0, endSelection: end, type, group, comment: 'demo markup' });
  return essay;
}

export function createDemoMarkup(options: DemoMarkupOptions = {}): Markup {
  const maxDelayMs = Math.max(0, (options.maxDelaySec ?? 0) * 1000);
  const random = options.random ?? Math.random;
  return {
    name: 'demo',
    warning: DEMO_WARNING,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      if (maxDelayMs > 0)
        await sleep(Math.floor(random() * maxDelayMs), undefined, { signal: context.signal });
      return mark(essay);
    },
    markupSync: mark,
  };
}
