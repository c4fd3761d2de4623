// Fixed tables of the official psr package (scoring.md §2, §4.2, §4.5, §4.7).

/** Criteria maxima used by M1 (`psr:src/constants.ts`). (quirk) eng-free is 24 here, 14 in criteria. */
export const K_MAX: Readonly<Record<string, number>> = {
  rus: 24,
  'rus-free': 24,
  lit: 14,
  social: 6,
  hist: 12,
  eng: 14,
  'eng-free': 24,
};

/** `psr:src/glossary/semantic.ts`: blocks and errors are kept apart by a +4 loss (§4.3.3). */
export const SEMANTIC_BLOCKS: ReadonlySet<string> = new Set([
  'проблема',
  'пример',
  'пояснение',
  'связь',
  'позиция',
  'отношение',
  'аргумент',
  'понятие',
  'идея',
  'теория',
  'логика',
  'пример.общ',
  'пример.лич',
  'пример.ист',
  'событие',
  'сяп',
  'роль',
  'причина',
  'следствие',
  'оценка',
  'лмнение',
  'прмнение',
  'обоснование',
  'вывод',
]);

/**
Metric weights of `psr:src/regulator.ts`. M7's weight is decided per pair (0 or 1), so it is not here.
The divisor of MTotal counts the metrics with a non-zero weight, not the weights (§4.5).
*/
export const WEIGHTS = { M1: 1, M2: 2, M3: 1, M4: 1, M5: 1, M6: 0 } as const;

/** Nomination mode (§4.7): the selections each run keeps, per subject, lowercased. */
export const NOMINATION_TYPES: Readonly<
  Record<string, { logic: ReadonlySet<string>; structure: ReadonlySet<string> }>
> = {
  rus: {
    logic: lower([
      'Л.неоднор',
      'Л.причслед',
      'Л.скачок',
      'Л.перест',
      'Л.подмена',
      'Л.несопост',
      'Л.повтор',
      'Л.зачин',
      'Л.основн',
      'Л.конц',
      'Л.абзац',
    ]),
    structure: lower(['проблема', 'пример', 'пояснение', 'связь', 'позиция', 'отношение']),
  },
  lit: {
    logic: lower(['С.послед', 'С.неразв']),
    structure: lower(['аргумент', 'понятие']),
  },
  social: {
    logic: lower(['О.рассужд', 'О.вывод']),
    structure: lower(['идея', 'понятие', 'теория', 'логика', 'пример.общ', 'пример.лич', 'пример.ист']),
  },
  hist: {
    logic: lower(['И.слдейств', 'И.причин', 'И.следств', 'И.излож']),
    structure: lower(['событие', 'сяп', 'роль', 'причина', 'следствие', 'оценка']),
  },
};

function lower(codes: string[]): ReadonlySet<string> {
  return new Set(codes.map((c) => c.toLowerCase()));
}
