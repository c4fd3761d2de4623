import { createHash } from 'node:crypto';
import { wordCount } from '../../src/scoring/words.js';
import { languageOf } from './catalogue.js';
import type { SourceEssay, Subject } from './types.js';
import { validateAll } from './validate.js';
import type { Span } from './validate.js';

// Everything here is a pure function of the sources, so a rebuild gives byte-identical files.

const SUBJECT_TAGS: Record<Subject, string> = {
  rus: 'rus',
  'rus-free': 'rusfree',
  lit: 'lit',
  social: 'soc',
  hist: 'his',
  eng: 'eng',
  'eng-free': 'engfree',
};

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** A name-based UUID (version 5 layout over sha1), stable across runs and machines. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`readable-demo:${name}`, 'utf8').digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function slug(theme: string): string {
  const latin = [...theme.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
  return latin
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}

function baseMeta(essay: SourceEssay): Record<string, unknown> {
  const lang = languageOf(essay.subject) === 'rus' ? 'ru' : 'en';
  return {
    id: essay.id,
    uuid: stableUuid(`essay:${essay.id}`),
    subject: essay.subject,
    class: essay.meta.class,
    year: essay.meta.year,
    test: essay.meta.test,
    theme: essay.meta.theme,
    taskText: essay.meta.taskText,
    expert: '',
    name: `${essay.id}_${lang}_${SUBJECT_TAGS[essay.subject]}_${slug(essay.meta.theme)}_noexp.txt`,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export interface IndexEntry {
  id: string;
  split: 'train' | 'test';
  subject: Subject;
  lang: 'rus' | 'eng';
  words: number;
  experts: number;
}

function renderEssay(essay: SourceEssay, spans: Span[][], files: Map<string, string>): void {
  const dir = essay.split;
  const meta = baseMeta(essay);
  files.set(`${dir}/${essay.id}.json`, json({ meta, text: essay.text, selections: [] }));
  essay.experts.forEach((expert, e) => {
    const n = e + 1;
    const selections = expert.selections.map((sel, i) => {
      const span = spans[e]?.[i];
      if (span === undefined) throw new Error(`internal: no span for ${essay.id} expert ${n} selection ${i}`);
      return {
        id: n * 1000 + i + 1,
        startSelection: span.start,
        endSelection: span.end,
        type: sel.type,
        group: sel.group,
        subtype: sel.subtype ?? '',
        tag: sel.tag ?? '',
        comment: sel.comment ?? '',
        explanation: sel.explanation ?? '',
        correction: sel.correction ?? '',
      };
    });
    const markupMeta = {
      ...meta,
      expert: `exp00${n}`,
      third: expert.third === true,
      markupUuid: stableUuid(`markup:${essay.id}:exp00${n}`),
    };
    files.set(
      `${dir}/${essay.id}_exp${n}.json`,
      json({ meta: markupMeta, text: essay.text, selections, criteria: { ...expert.criteria } }),
    );
  });
}

/**
Validates the sources and renders every output file, keyed by its path relative to the dataset
root (`train/1000001.json`, …, `index.json`). Throws DatasetSourceError on the first bad source.
*/
export function renderDataset(essays: readonly SourceEssay[]): Map<string, string> {
  const spans = validateAll(essays);
  const sorted = [...essays].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files = new Map<string, string>();
  const index: IndexEntry[] = [];
  for (const essay of sorted) {
    renderEssay(essay, spans.get(essay.id) ?? [], files);
    index.push({
      id: essay.id,
      split: essay.split,
      subject: essay.subject,
      lang: languageOf(essay.subject),
      words: wordCount(essay.text),
      experts: essay.experts.length,
    });
  }
  files.set('index.json', json(index));
  return files;
}
