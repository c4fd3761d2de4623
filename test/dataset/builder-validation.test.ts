import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetSourceError } from '../../scripts/dataset/errors.js';
import { PART_A } from '../../scripts/dataset/part-a.js';
import { renderDataset, stableUuid } from '../../scripts/dataset/render.js';
import type { SourceEssay } from '../../scripts/dataset/types.js';
import { validateAll } from '../../scripts/dataset/validate.js';

function sample(): SourceEssay {
  const first = PART_A[0];
  assert.ok(first);
  return structuredClone(first);
}

function rejects(essays: SourceEssay[], pattern: RegExp): void {
  assert.throws(
    () => validateAll(essays),
    (error: unknown) => {
      assert.ok(error instanceof DatasetSourceError);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('the dataset builder validation', () => {
  it('accepts the part A sources', () => {
    assert.equal(validateAll(PART_A).size, PART_A.length);
  });

  it('names the essay, expert and selection when a quote is not in the text', () => {
    const essay = sample();
    const sel = essay.experts[1]?.selections[2];
    assert.ok(sel);
    sel.quote = 'этого фрагмента в тексте нет';
    rejects(
      [essay],
      /^essay 1000001, expert exp002, selection #2: quote "этого фрагмента в тексте нет" not found/,
    );
  });

  it('rejects an occurrence beyond the last match', () => {
    const essay = sample();
    const sel = essay.experts[0]?.selections[9];
    assert.ok(sel);
    sel.occurrence = 7;
    rejects([essay], /selection #9: quote "показывает" occurs only \d time\(s\), occurrence 7 asked/);
  });

  it('computes offsets from the requested occurrence', () => {
    const essay = sample();
    const spans = validateAll([essay]).get(essay.id)?.[0];
    const sel = essay.experts[0]?.selections[9];
    const span = spans?.[9];
    assert.ok(sel && span);
    assert.equal(essay.text.slice(span.start, span.end), 'показывает');
    assert.ok(span.start > essay.text.indexOf('показывает'));
  });

  it('rejects codes outside the subject catalogue and non-canonical spellings', () => {
    const essay = sample();
    const sel = essay.experts[0]?.selections[0];
    assert.ok(sel);
    sel.type = 'аргумент';
    rejects([essay], /selection #0: type "аргумент" is not in the rus catalogue/);
    sel.type = 'ПРОБЛЕМА';
    rejects([essay], /type "ПРОБЛЕМА" must be spelled "проблема"/);
  });

  it('rejects a block marked as an error group', () => {
    const essay = sample();
    const sel = essay.experts[0]?.selections[0];
    assert.ok(sel);
    sel.group = 'error';
    rejects([essay], /type проблема needs group "meaning"/);
  });

  it('rejects criteria with missing keys or values above the maximum', () => {
    const essay = sample();
    const expert = essay.experts[0];
    assert.ok(expert);
    delete expert.criteria.K12;
    rejects([essay], /expert exp001: criteria keys must be exactly K1,.*,K12/);
    expert.criteria.K12 = 0;
    expert.criteria.K2 = 6;
    rejects([essay], /criterion K2 = 6 is outside 0\.\.5/);
  });

  it('rejects essays outside 150..400 words, duplicate ids and a bad expert list', () => {
    const short = sample();
    short.text = short.text.slice(0, 400);
    rejects([short], /^essay 1000001: has \d+ words, needs 150\.\.400/);
    rejects([sample(), sample()], /^essay 1000001: duplicate essay id/);
    const lone = sample();
    lone.experts = lone.experts.slice(0, 1);
    rejects([lone], /has 1 experts, needs 2\.\.3/);
    const unflagged = structuredClone(PART_A.find((e) => e.experts.length === 3));
    assert.ok(unflagged?.experts[2]);
    delete unflagged.experts[2].third;
    rejects([unflagged], /the third expert must have third: true/);
  });

  it('accepts a whole-text remark only with an empty quote', () => {
    const essay = sample();
    const expert = essay.experts[0];
    assert.ok(expert);
    expert.selections.push({ quote: 'Книги', whole: true, type: 'П.однообр', group: 'error' });
    rejects([essay], /whole=true needs an empty quote/);
  });

  it('derives stable version-5 style UUIDs from the ids', () => {
    const uuid = stableUuid('essay:1000001');
    assert.equal(uuid, stableUuid('essay:1000001'));
    assert.notEqual(uuid, stableUuid('essay:1000002'));
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('renders markups with every selection field filled and ids unique per markup', () => {
    const files = renderDataset(PART_A);
    const markup = JSON.parse(files.get('train/1000001_exp1.json') ?? '{}') as {
      meta: Record<string, unknown>;
      selections: Record<string, unknown>[];
    };
    assert.equal(markup.meta.expert, 'exp001');
    assert.equal(markup.meta.third, false);
    const ids = markup.selections.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const sel of markup.selections) {
      for (const field of ['subtype', 'tag', 'comment', 'explanation', 'correction']) {
        assert.equal(typeof sel[field], 'string', field);
      }
    }
  });
});
