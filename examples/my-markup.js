// An example markup module for `--markup ./examples/my-markup.js` (or `MARKUP=./examples/my-markup.js`).
//
// The toolkit imports this file and uses its default export (or an export named `markup`), which may be
//   - an object with `markup(essay, context)` (and optionally `markupSync(essay)` and `close()`),
//   - a class whose instances have those methods (built with `new` and no arguments), or
//   - a plain function `(essay, context) => essay | Promise<essay>`.
// `essay` is your own copy of an `Essay` (text, meta, selections); return it with selections added,
// either as an Essay or as a plain essay object. `context` has `fileId`, `deadline` (epoch ms) and
// `signal` (an AbortSignal, aborted when the answer is no longer wanted: stop working then).
// Never change `essay.text`: selections are character offsets into it.

/** Marks every sentence that starts with "However" as a meaning block, or the first sentence otherwise. */
function findSentences(text) {
  const sentences = [];
  const pattern = /[^.!?…]+[.!?…]*/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const end = match.index + match[0].trimEnd().length;
    if (end > start) sentences.push({ start, end });
  }
  return sentences;
}

export default {
  name: 'my-markup',

  async markup(essay, context) {
    context.signal.throwIfAborted();
    return this.markupSync(essay);
  },

  markupSync(essay) {
    const sentences = findSentences(essay.text);
    const chosen = sentences.filter(({ start }) => essay.text.startsWith('However', start));
    for (const { start, end } of chosen.length > 0 ? chosen : sentences.slice(0, 1)) {
      essay.selections.add({
        startSelection: start,
        endSelection: end,
        type: 'проблема',
        group: 'meaning',
        comment: 'my-markup.js',
      });
    }
    return essay;
  },

  async close() {
    // Release models, worker threads or connections here. It may be called more than once.
  },
};
