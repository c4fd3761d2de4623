import { ToolkitError } from '../../errors.js';

/** What went wrong, so callers can branch without parsing messages. */
export type CriteriaErrorCode =
  | 'missing-meta'
  | 'missing-subject'
  | 'unknown-subject'
  | 'bad-text'
  | 'bad-selections'
  | 'bad-selection'
  | 'bad-type'
  | 'bad-offset'
  | 'over-max'
  | 'different-subjects'
  | 'missing-criterion'
  | 'bad-criterion';

export interface CriteriaErrorContext {
  /** JSON-ish path of the offending field, e.g. `selections[3].type`. */
  field?: string;
  /** The official package's (Russian) message, when it has one for this case. */
  officialMessage?: string;
  value?: unknown;
}

/**
Everything the criteria module rejects. Where the official package crashed with a raw
TypeError (missing `meta`, missing `type`), we throw this instead, naming the field; where it
threw its own Russian message, that text is kept in `officialMessage`.
*/
export class CriteriaError extends ToolkitError {
  override name = 'CriteriaError' as const;
  readonly code: CriteriaErrorCode;
  readonly field: string | undefined;
  readonly officialMessage: string | undefined;
  readonly value: unknown;

  constructor(code: CriteriaErrorCode, message: string, context: CriteriaErrorContext = {}) {
    super(message);
    this.code = code;
    this.field = context.field;
    this.officialMessage = context.officialMessage;
    this.value = context.value;
  }
}

/** The official package's messages (docs/scoring.md §3.1.4, §3.8, §3.9), verbatim. */
export const OFFICIAL_MESSAGES = {
  noSubject: 'Не был получен код предмета.',
  unknownSubject: 'Данный предмет не поддерживается сервисом распознавания критериев.',
  overMax: 'Высчитанное количество баллов превысило максимально допустимое значение.',
  differentSubjects: 'В сервис назначения третьего эксперта были отправлены разметки разных предметов.',
  missingCriterion: (key: string) => `Критерий ${key} не существует в полученной разметке`,
} as const;
