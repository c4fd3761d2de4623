export type Subject = 'rus' | 'rus-free' | 'lit' | 'social' | 'hist' | 'eng' | 'eng-free';
export interface SourceSelection {
  quote: string; // exact substring of the text; '' with whole=true for a whole-text remark (0..0)
  occurrence?: number; // 1-based, when the quote occurs several times (default 1)
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
  id: string; // 7 digits, unique: part A uses 1000001.., part B 2000001..
  split: 'train' | 'test';
  subject: Subject;
  meta: { theme: string; taskText: string; class: string; year: number; test: string };
  text: string;
  experts: SourceExpert[]; // 2 or 3
}
