import type { Essay } from '../essay/index.js';
import type { Markup, MarkupContext } from './types.js';

/**
`SESSION_IS_ONLY_SAVE_FILES`: the session saves each essay and this markup answers `null`,
which means "mark nothing, send nothing".
*/
export function createOnlySaveMarkup(): Markup {
  return {
    name: 'only-save',
    async markup(_essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      return null;
    },
    markupSync: () => null,
  };
}
