import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markupFromConfig } from '../../src/cli/markup-config.js';
import { createDemoMarkup, DEMO_WARNING, Marker } from '../../src/markup/index.js';
import { contextFor, sampleEssay } from './support.js';

describe('demo markup', () => {
  it('says it is not for a real qualification', async () => {
    assert.match(DEMO_WARNING, /never use it in a real qualification/);
    assert.equal(createDemoMarkup().warning, DEMO_WARNING);
    assert.equal(new Marker(createDemoMarkup()).warning, DEMO_WARNING);
    assert.equal((await markupFromConfig({})).warning, DEMO_WARNING);
  });

  it('selects the first sentence with the block of the subject', async () => {
    const essay = sampleEssay();
    const output = await createDemoMarkup().markup(essay, contextFor());
    const [selection] = output?.selections ?? [];
    assert.equal(selection?.type, 'проблема');
    assert.equal(selection?.group, 'meaning');
    assert.equal(
      selection?.fragment(essay.text),
      'Some people believe that students should study at home with online courses.',
    );
  });

  it('is stopped during its random delay by the signal', async () => {
    const controller = new AbortController();
    const markup = createDemoMarkup({ maxDelaySec: 3600, random: () => 1 });
    const pending = markup.markup(sampleEssay(), contextFor({ signal: controller.signal }));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });

  it('rehearses a missed deadline through the Marker', async () => {
    const marker = new Marker(createDemoMarkup({ maxDelaySec: 3600, random: () => 0.5 }));
    await assert.rejects(marker.markup(sampleEssay(), contextFor({ signal: AbortSignal.timeout(20) })), {
      name: 'MarkupError',
      kind: 'aborted',
      message: 'markup "demo" aborted for file 0000001',
    });
  });
});
