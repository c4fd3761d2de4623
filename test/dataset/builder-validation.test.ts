import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetSourceError, DatasetSourceFileError } from '../../scripts/dataset/errors.js';
import { renderDataset, stableUuid } from '../../scripts/dataset/render.js';
import { SOURCE_DIR, loadSources, parseSource } from '../../scripts/dataset/source.js';
import type { SourceEssay } from '../../scripts/dataset/types.js';
import { validateAll } from '../../scripts/dataset/validate.js';

const SOURCES = await loadSources();
const SAMPLE_FILE = await readFile(join(SOURCE_DIR, '1000001.yaml'), 'utf8');
/** A source with a whole-text remark. */
const WHOLE_FILE = await readFile(join(SOURCE_DIR, '1000005.yaml'), 'utf8');

function sample(): SourceEssay {
  const first = SOURCES.find((e) => e.id === '1000001');
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

function rejectsFile(file: string, text: string, pattern: RegExp): void {
  assert.throws(
    () => parseSource(file, text),
    (error: unknown) => {
      assert.ok(error instanceof DatasetSourceFileError);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('the dataset source files', () => {
  it('are one YAML file per essay, named by id, all in the schema', () => {
    assert.equal(SOURCES.length, 42);
    assert.equal(new Set(SOURCES.map((e) => e.id)).size, SOURCES.length);
    assert.equal(parseSource('1000001.yaml', SAMPLE_FILE).id, '1000001');
  });

  it('name the file and the path of a schema violation', () => {
    rejectsFile(
      '1000001.yaml',
      SAMPLE_FILE.replace('group: meaning', 'group: meening'),
      /^1000001\.yaml: experts\[0\]\.selections\[0\]\.group: must be equal to one of the allowed values \("error", "meaning"\)/,
    );
    rejectsFile(
      '1000001.yaml',
      SAMPLE_FILE.replace('group: meaning', 'group: meaning\n        qoute: x'),
      /experts\[0\]\.selections\[0\]: must NOT have additional properties \(qoute\)/,
    );
    rejectsFile(
      '1000001.yaml',
      SAMPLE_FILE.replace("id: '1000001'", 'id: 1000001'),
      /^1000001\.yaml: id: must be string/,
    );
  });

  it('refuse a whole-text remark that also quotes, and a selection with neither', () => {
    const whole = WHOLE_FILE.replace(/whole: true/, 'whole: true\n        quote: Книги');
    assert.notEqual(whole, WHOLE_FILE, 'the sample has a whole-text remark');
    rejectsFile(
      '1000005.yaml',
      whole,
      /\.quote: boolean schema is false.*must match exactly one schema in oneOf/,
    );
    const neither = SAMPLE_FILE.replace(/- quote: [^\n]*\n\s+/, '- ');
    rejectsFile('1000001.yaml', neither, /selections\[0\]: must have required property 'quote'/);
  });

  it('refuse broken YAML and a file named after another id', () => {
    rejectsFile('1000001.yaml', `${SAMPLE_FILE}\n  : : [`, /^1000001\.yaml: not valid YAML: /);
    rejectsFile('1000002.yaml', SAMPLE_FILE, /^1000002\.yaml: id 1000001 needs the file name 1000001\.yaml/);
  });
});

describe('the dataset builder validation', () => {
  it('accepts every source', () => {
    assert.equal(validateAll(SOURCES).size, SOURCES.length);
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
    assert.equal(sel.occurrence, 2);
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
    const unflagged = structuredClone(SOURCES.find((e) => e.experts.length === 3));
    assert.ok(unflagged?.experts[2]);
    delete unflagged.experts[2].third;
    rejects([unflagged], /the third expert must have third: true/);
  });

  it('accepts a whole-text remark only without a quote', () => {
    const essay = sample();
    const expert = essay.experts[0];
    assert.ok(expert);
    expert.selections.push({ quote: 'Книги', whole: true, type: 'П.однообр', group: 'error' });
    rejects([essay], /whole: true takes no quote/);
    expert.selections.splice(-1, 1, { type: 'П.однообр', group: 'error' });
    rejects([essay], /no quote, and not whole: true/);
  });

  it('derives stable version-5 style UUIDs from the ids', () => {
    const uuid = stableUuid('essay:1000001');
    assert.equal(uuid, stableUuid('essay:1000001'));
    assert.notEqual(uuid, stableUuid('essay:1000002'));
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('renders markups with every selection field filled and ids unique per markup', () => {
    const files = renderDataset(SOURCES);
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
