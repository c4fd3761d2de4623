import { ToolkitError } from '../../errors.js';

/**
A file (or a set of files) cannot be scored by PSR. The message always names the file and, when one
field is at fault, its JSON path: `part.json: selections[3].type: null; expected a markup code`.
*/
export class PsrInputError extends ToolkitError {
  override name = 'PsrInputError' as const;

  constructor(
    readonly reason: string,
    readonly where: { file?: string; field?: string } = {},
  ) {
    super(
      where.file === undefined
        ? reason
        : where.field === undefined
          ? `${where.file}: ${reason}`
          : `${where.file}: ${where.field}: ${reason}`,
    );
  }
}
