import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Essay } from '../../src/essay/index.js';
import { Marker, MarkupError, type Markup } from '../../src/markup/index.js';
import { abortedSignal, contextFor, sampleEssay } from './support.js';

const markupOf = (name: string, markup: Markup['markup'], extra: Partial<Markup> = {}): Markup => ({
  name,
  markup,
  ...extra,
});

const addOne = (essay: Essay): Essay => {
  essay.selections.add({ startSelection: 0, endSelection: 4, type: 'проблема', group: 'meaning' });
  return essay;
};

describe('Marker', () => {
  it('turns a markup that throws into a `threw` MarkupError', async () => {
    const marker = new Marker(
      markupOf('boom', async () => {
        throw new Error('model exploded');
      }),
    );
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), (error: unknown) => {
      assert.ok(error instanceof MarkupError);
      assert.equal(error.kind, 'threw');
      assert.equal(error.message, 'markup "boom" failed for file 0000001: model exploded');
      assert.deepEqual(error.context, { markup: 'boom', fileId: '0000001' });
      assert.equal((error.cause as Error).message, 'model exploded');
      return true;
    });
  });

  it('catches a markup that throws synchronously', async () => {
    const marker = new Marker(
      markupOf('sync-boom', () => {
        throw new TypeError('not a function');
      }),
    );
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), {
      kind: 'threw',
      message: 'markup "sync-boom" failed for file 0000001: not a function',
    });
  });

  it('turns garbage into an `invalid` MarkupError', async () => {
    const marker = new Marker(markupOf('garbage', async () => 42 as unknown as Essay));
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), {
      kind: 'invalid',
      message: 'markup "garbage" returned a number for file 0000001, not an essay',
    });
  });

  it('accepts a plain essay object', async () => {
    const marker = new Marker(markupOf('plain', async (essay) => addOne(essay).toJSON() as unknown as Essay));
    const output = await marker.markup(sampleEssay(), contextFor());
    assert.equal(output?.selections.length, 1);
  });

  it('rejects an essay whose text changed', async () => {
    const marker = new Marker(
      markupOf('rewriter', async (essay) => {
        const data = essay.toJSON();
        data.text = data.text.toUpperCase();
        return data as unknown as Essay;
      }),
    );
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), {
      kind: 'invalid',
      message:
        'markup "rewriter" changed the essay text of file 0000001; selections must point into the original text',
    });
  });

  it('rejects an essay that breaks a write rule, naming the selection', async () => {
    const marker = new Marker(
      markupOf('overshoot', async (essay) => {
        essay.selections.add({ startSelection: 0, endSelection: 5000, type: 'проблема', group: 'meaning' });
        return essay;
      }),
    );
    const length = sampleEssay().text.length;
    await assert.rejects(marker.markup(sampleEssay(), contextFor()), {
      kind: 'invalid',
      message: `markup "overshoot" returned an invalid essay: essay 0000001: selections[0].endSelection = 5000 is past the end of the text (length ${length})`,
    });
  });

  it('passes null through: send nothing', async () => {
    const marker = new Marker(markupOf('nothing', async () => null));
    assert.equal(await marker.markup(sampleEssay(), contextFor()), null);
  });

  it('does not start a markup when the signal is already aborted', async () => {
    let started = false;
    const marker = new Marker(
      markupOf('never', async (essay) => {
        started = true;
        return essay;
      }),
    );
    await assert.rejects(marker.markup(sampleEssay(), contextFor({ signal: abortedSignal() })), {
      kind: 'aborted',
      message: 'markup "never" was not started: aborted',
    });
    assert.equal(started, false);
  });

  it('stops waiting for a hanging markup on abort', async () => {
    const controller = new AbortController();
    let markupStarted!: () => void;
    const started = new Promise<void>((resolve) => (markupStarted = resolve));
    const marker = new Marker(
      markupOf('hang', () => {
        markupStarted();
        return new Promise<Essay>(() => {});
      }),
    );
    const pending = marker.markup(sampleEssay(), contextFor({ signal: controller.signal }));
    await started;
    controller.abort();
    await assert.rejects(pending, { kind: 'aborted', message: 'markup "hang" aborted for file 0000001' });
  });

  it('stops waiting for a hanging markup at the deadline signal', async () => {
    // Busy like a real model: a ref'd timer keeps the process alive (AbortSignal.timeout's own timer does not).
    const busy = (_essay: Essay, context: { signal: AbortSignal }) =>
      new Promise<Essay>(() => {
        const timer = setInterval(() => {}, 1000);
        context.signal.addEventListener('abort', () => clearInterval(timer));
      });
    const marker = new Marker(markupOf('slow', busy));
    await assert.rejects(marker.markup(sampleEssay(), contextFor({ signal: AbortSignal.timeout(50) })), {
      kind: 'aborted',
    });
  });

  it('hands the markup a copy, so the input never changes', async () => {
    const input = sampleEssay();
    const marker = new Marker(markupOf('mutator', async (essay) => addOne(essay)));
    const output = await marker.markup(input, contextFor());
    assert.equal(input.selections.length, 0);
    assert.equal(output?.selections.length, 1);
  });

  it('refuses the synchronous call when the markup has no synchronous variant', () => {
    const marker = new Marker(markupOf('async-only', async (essay) => essay));
    assert.throws(() => marker.markupSync(sampleEssay()), {
      kind: 'config',
      message: 'markup "async-only" has no synchronous variant',
    });
  });

  it('checks the synchronous result like the asynchronous one', () => {
    const marker = new Marker(
      markupOf('sync', async (essay) => essay, { markupSync: () => 'nope' as unknown as Essay }),
    );
    assert.throws(() => marker.markupSync(sampleEssay()), {
      kind: 'invalid',
      message: 'markup "sync" returned a string for file 0000001, not an essay',
    });
  });

  it('wraps what a synchronous markup throws as a MarkupError of kind threw', () => {
    const marker = new Marker(
      markupOf('sync-throws', async (essay) => essay, {
        markupSync: () => {
          throw new Error('model not loaded');
        },
      }),
    );
    assert.throws(() => marker.markupSync(sampleEssay()), {
      name: 'MarkupError',
      kind: 'threw',
      message: 'markup "sync-throws" failed for file 0000001: model not loaded',
    });
  });

  it('exposes the name and the warning of its implementation', () => {
    const marker = new Marker(markupOf('warned', async (e) => e, { warning: 'careful' }));
    assert.equal(marker.name, 'warned');
    assert.equal(marker.warning, 'careful');
  });

  it('closes its implementation once', async () => {
    let closed = 0;
    const marker = new Marker(
      markupOf('closing', async (e) => e, {
        close: async () => {
          closed++;
        },
      }),
    );
    await Promise.all([marker.close(), marker.close()]);
    await marker.close();
    assert.equal(closed, 1);
  });
});
