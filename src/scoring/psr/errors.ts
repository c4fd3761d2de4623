import { ToolkitError } from '../../errors.js';

/**
What the PSR core rejects. `code` is stable for programs; `officialMessage` is the Russian text the
official package throws for the same case, when it has one (it crashes with a TypeError otherwise).
*/
export class PsrError extends ToolkitError {
  override name = 'PsrError' as const;

  constructor(
    message: string,
    readonly code: PsrErrorCode,
    readonly context: { essayId?: string; markupId?: string; field?: string; officialMessage?: string } = {},
  ) {
    super(message);
  }
}

export type PsrErrorCode =
  | 'too-many-participants'
  | 'criteria-missing'
  | 'criteria-not-numeric'
  | 'criteria-over-max'
  | 'unknown-subject'
  | 'nomination-subject'
  | 'bad-selections'
  | 'bad-selection-field'
  | 'bad-markup';
