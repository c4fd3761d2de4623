// One essay and its expert markups, checked as strictly as scoring needs (the same checks for
// `dataset check` and `dataset import`, docs/dataset-import.md).
import { Essay, EssayReadError } from '../essay/index.js';
import { K_MAX, criteriaSum } from '../scoring/psr/index.js';
import { PsrInputError, parseMarkupFile } from '../scoring/input/index.js';
import { wordCount } from '../scoring/words.js';
import { isRecord } from './json-file.js';
import type { DatasetProblem, Split } from './types.js';

/** Where a JSON value came from: a file, and the JSON path of the value inside it (`''` = the whole file). */
export interface Located {
  file: string;
  path: string;
  value: unknown;
}

export interface EssayCandidate {
  /** The essay's name in the source (file base name or envelope `essay.id`). */
  name: string;
  split: Split;
  /** The essay without markup; when absent it is taken from the first expert markup. */
  essay?: Located;
  experts: Located[];
}

export interface ValidEssay {
  name: string;
  split: Split;
  subject: string;
  words: number;
  /** `{meta, text, selections: []}` as it will be pushed. */
  essay: Record<string, unknown>;
  /** Single-markup objects `{meta, text, selections, criteria}`, in expert order. */
  experts: Record<string, unknown>[];
  /** Source of each kept expert, in the same order. */
  expertSources: Located[];
}

const join = (prefix: string, path: string): string =>
  prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? prefix + path : `${prefix}.${path}`;

/** Checks one candidate. Never throws for bad data: every problem is returned, and what is valid is kept. */
export function validateEssay(c: EssayCandidate): { essay?: ValidEssay; problems: DatasetProblem[] } {
  const problems: DatasetProblem[] = [];
  const add = (severity: DatasetProblem['severity'], at: Located, path: string, message: string) =>
    problems.push({ severity, file: at.file, path: join(at.path, path), message, essay: c.name });

  let source = c.essay;
  if (source === undefined) {
    source = c.experts[0];
    if (source === undefined) return { problems };
    add('warning', source, '', `no essay file for "${c.name}": its text and meta are taken from this markup`);
  }
  let essay: Essay;
  try {
    essay = Essay.fromJSON(JSON.stringify(source.value), { source: source.file });
  } catch (error) {
    if (!(error instanceof EssayReadError)) throw error;
    add('error', source, error.path, `${error.reason}; the essay is not imported`);
    return { problems };
  }
  const raw = source.value as Record<string, unknown>;
  const meta = { ...(raw.meta as Record<string, unknown>) };
  const subject = essay.meta.subject;
  if (K_MAX[subject] === undefined) {
    add(
      'error',
      source,
      'meta.subject',
      `unknown subject "${subject}" (known: ${Object.keys(K_MAX).join(', ')})`,
    );
    return { problems };
  }
  const text = essay.text;

  const experts: Record<string, unknown>[] = [];
  const expertSources: Located[] = [];
  for (const [i, at] of c.experts.entries()) {
    const label = `${at.file}#${i}`;
    const value = at.value;
    if (!isRecord(value)) {
      add('error', at, '', 'an expert markup must be an object; this one is dropped');
      continue;
    }
    let parsed;
    try {
      parsed = parseMarkupFile(JSON.stringify(value), label);
    } catch (error) {
      if (error instanceof PsrInputError)
        add('error', at, error.where.field ?? '', `${error.reason}; this expert markup is dropped`);
      else if (error instanceof EssayReadError)
        add('error', at, error.path, `${error.reason}; this expert markup is dropped`);
      else throw error;
      continue;
    }
    if (parsed.meta.subject !== subject) {
      add(
        'error',
        at,
        'meta.subject',
        `"${parsed.meta.subject}" but the essay "${c.name}" is "${subject}" (${source.file}): ` +
          'one id with mixed subjects, so the whole essay is not imported',
      );
      return { problems };
    }
    if (parsed.text !== text) {
      let from = 0;
      while (from < text.length && parsed.text[from] === text[from]) from++;
      add(
        'error',
        at,
        'text',
        `differs from the essay's text (${source.file}) from offset ${from}; this expert markup is dropped`,
      );
      continue;
    }
    if (parsed.criteria === undefined) {
      add(
        'error',
        at,
        'criteria',
        'missing; an expert markup needs its K values (PSR M1); this expert markup is dropped',
      );
      continue;
    }
    const sum = criteriaSum(parsed.criteria);
    if (sum > K_MAX[subject]!) {
      add(
        'error',
        at,
        'criteria',
        `sum ${sum} exceeds the maximum ${K_MAX[subject]} for ${subject}; this expert markup is dropped`,
      );
      continue;
    }
    for (const w of parsed.warnings) {
      const rest = w.startsWith(`${label}: `) ? w.slice(label.length + 2) : w;
      const colon = rest.indexOf(': ');
      const path = colon > 0 && !rest.slice(0, colon).includes(' ') ? rest.slice(0, colon) : '';
      add('warning', at, path, path === '' ? rest : rest.slice(colon + 2));
    }
    experts.push({
      meta: { ...parsed.meta },
      text,
      selections: parsed.selections,
      criteria: parsed.criteria,
    });
    expertSources.push(at);
  }
  if (experts.length === 0)
    add(
      'warning',
      source,
      '',
      c.experts.length === 0
        ? 'no expert markups: the essay can be served but not scored'
        : 'no valid expert markup left: the essay can be served but not scored',
    );
  delete meta.expert;
  return {
    essay: {
      name: c.name,
      split: c.split,
      subject,
      words: wordCount(text),
      essay: { meta, text, selections: [] },
      experts,
      expertSources,
    },
    problems,
  };
}
