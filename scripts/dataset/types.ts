// The demo dataset's source format (docs/dataset-format.md §3; schema: source.schema.json).

export type Subject = 'rus' | 'rus-free' | 'lit' | 'social' | 'hist' | 'eng' | 'eng-free';

export interface SourceSelection {
  /** The exact text marked, copied from the essay text; absent for a whole-text remark. */
  quote?: string;
  /** Which occurrence of the quote is meant, from 1 (default 1). */
  occurrence?: number;
  /** A remark about the whole text: no quote, rendered as offsets 0..0. */
  whole?: boolean;
  type: string;
  group: 'error' | 'meaning';
  subtype?: string;
  tag?: string;
  comment?: string;
  explanation?: string;
  correction?: string;
}

export interface SourceExpert {
  expert: string;
  third?: boolean;
  criteria: Record<string, number>;
  selections: SourceSelection[];
}

export interface SourceEssay {
  /** 7 digits, unique; also the source file's name. */
  id: string;
  split: 'train' | 'test';
  subject: Subject;
  meta: { theme: string; taskText: string; class: string; year: number; test: string };
  text: string;
  /** 2 or 3. */
  experts: SourceExpert[];
}
