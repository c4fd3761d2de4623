import { ToolkitError } from '../../src/errors.js';

/** A source essay the builder refuses; the message names the essay, the expert and the selection. */
export class DatasetSourceError extends ToolkitError {
  override name = 'DatasetSourceError' as const;

  constructor(
    message: string,
    readonly essayId: string,
    readonly expert?: string,
    readonly selectionIndex?: number,
  ) {
    const where = [`essay ${essayId}`];
    if (expert !== undefined) where.push(`expert ${expert}`);
    if (selectionIndex !== undefined) where.push(`selection #${selectionIndex}`);
    super(`${where.join(', ')}: ${message}`);
  }
}

/** A source file that is not valid YAML or does not match source.schema.json; the message names the file. */
export class DatasetSourceFileError extends ToolkitError {
  override name = 'DatasetSourceFileError' as const;

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}
