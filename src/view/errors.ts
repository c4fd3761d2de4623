import { ToolkitError } from '../errors.js';

/** A request the view cannot answer; `status` is the HTTP status it answers with. */
export class ViewError extends ToolkitError {
  override name = 'ViewError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
