import { createDemoMarkup } from '../../../src/markup/index.js';
import type { Markup } from '../../../src/markup/index.js';

export const demo = (): Markup => createDemoMarkup();

/** Adds one fixed selection; the smallest markup a team could write. */
export function inline(): Markup {
  return {
    name: 'inline',
    async markup(essay) {
      essay.selections.add({ startSelection: 0, endSelection: 5, type: 'проблема', group: 'meaning' });
      return essay;
    },
  };
}

export function throwing(): Markup {
  return {
    name: 'throws',
    async markup() {
      throw new Error('model crashed');
    },
  };
}

/** Never finishes (and ignores the signal): only the deadline policy can save the file. */
export function hanging(): Markup {
  return { name: 'hangs', markup: () => new Promise(() => undefined) };
}

/** Returns something that is not an essay at all. */
export function notAnEssay(): Markup {
  // JSON.parse returns `any`: exactly the untyped garbage a JS markup could hand back.
  return { name: 'not-an-essay', markup: async () => JSON.parse('{"not":"an essay"}') };
}

/** Returns a selection past the end of the text. */
export function garbage(): Markup {
  return {
    name: 'garbage',
    async markup(essay) {
      essay.selections.add({
        startSelection: 0,
        endSelection: essay.text.length + 50,
        type: 'проблема',
        group: 'meaning',
      });
      return essay;
    },
  };
}

/** Waits until `release()` before answering; lets a test act while a file is in flight. */
export function gated(): { markup: Markup; release(): void; started: Promise<void> } {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const startedP = new Promise<void>((resolve) => (started = resolve));
  return {
    markup: {
      name: 'gated',
      async markup(essay) {
        started();
        await gate;
        return essay;
      },
    },
    release,
    started: startedP,
  };
}
