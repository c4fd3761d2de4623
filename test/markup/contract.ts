import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Essay } from '../../src/essay/index.js';
import { Marker, MarkupError, type Markup, type MarkupContext } from '../../src/markup/index.js';
import { abortedSignal, contextFor, sampleEssay } from './support.js';

/** One implementation under test, built fresh for every test. */
export interface MarkupSubject {
  markup: Markup;
  /** Context fields the implementation needs (`outputDir` for the directory markup). */
  context?: Partial<Pick<MarkupContext, 'outputDir' | 'deadline'>>;
  /**
  Plays the user's program for implementations that wait for one (the directory markup): called
  right after `markup()` was called, it must make the answer appear.
  */
  answer?: (input: Essay, context: MarkupContext) => Promise<void>;
  /** The only-save markup answers `null` ("send nothing") instead of a marked essay. */
  answersNull?: boolean;
  cleanup?: () => Promise<void>;
}

/**
What every `Markup` must do, whatever its algorithm. Run it against an implementation from a
few-line test file: `markupContract('demo', () => ({ markup: createDemoMarkup() }))`.
*/
export function markupContract(name: string, build: () => MarkupSubject | Promise<MarkupSubject>): void {
  describe(`markup contract: ${name}`, () => {
    let subject: MarkupSubject;
    beforeEach(async () => {
      subject = await build();
    });
    afterEach(async () => {
      await subject.markup.close?.();
      await subject.cleanup?.();
    });

    const context = (overrides: Partial<MarkupContext> = {}): MarkupContext =>
      contextFor({ ...subject.context, ...overrides });

    const run = async (essay: Essay, ctx: MarkupContext): Promise<Essay | null> => {
      const pending = subject.markup.markup(essay, ctx);
      await subject.answer?.(essay, ctx);
      return pending;
    };

    it('returns a marked, writable essay with the same text for a sample essay', async () => {
      const input = sampleEssay();
      const output = await run(input, context());
      if (subject.answersNull) return assert.equal(output, null);
      assert.ok(output !== null);
      assert.equal(output.text, input.text);
      assert.equal(output.meta.id, input.meta.id);
      assert.ok(output.selections.length > input.selections.length, 'at least one selection was added');
      assert.deepEqual(output.checkForWrite(), []);
    });

    it('passes the checks of the Marker that delegates to it', async () => {
      const marker = new Marker(subject.markup);
      const input = sampleEssay();
      const ctx = context();
      const pending = marker.markup(input, ctx);
      await subject.answer?.(input, ctx);
      const output = await pending;
      if (subject.answersNull) return assert.equal(output, null);
      assert.equal(output?.text, input.text);
    });

    it('rejects without marking when the signal is already aborted', async () => {
      await assert.rejects(subject.markup.markup(sampleEssay(), context({ signal: abortedSignal() })));
      const marker = new Marker(subject.markup);
      await assert.rejects(
        marker.markup(sampleEssay(), context({ signal: abortedSignal() })),
        (error: unknown) => error instanceof MarkupError && error.kind === 'aborted',
      );
    });

    it('does not change the essay it is given', async () => {
      const input = sampleEssay();
      const before = input.toString();
      await run(input, context());
      assert.equal(input.toString(), before);
      assert.equal(input.selections.length, 0);
    });

    it('can be closed twice', async () => {
      await subject.markup.close?.();
      await subject.markup.close?.();
      const marker = new Marker(subject.markup);
      await marker.close();
      await marker.close();
    });

    it('gives the same kind of answer from its synchronous variant, when it has one', async (t) => {
      const sync = subject.markup.markupSync;
      if (!sync) {
        // Node 20 runs no afterEach hook for a test that skips itself: release the workers here.
        await subject.markup.close?.();
        await subject.cleanup?.();
        return t.skip(`${name} has no synchronous variant`);
      }
      const input = sampleEssay();
      const before = input.toString();
      const output = sync.call(subject.markup, input);
      assert.equal(input.toString(), before);
      if (subject.answersNull) return assert.equal(output, null);
      assert.equal(output?.text, input.text);
      assert.ok((output?.selections.length ?? 0) > 0);
    });
  });
}
