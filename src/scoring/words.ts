// Shared by criteria and PSR, so both count words exactly as the official packages do.

const NOT_WORDS = new Set(['.', ',', ':', ';', '-', '–', '?', '!', '_', ' ']);

/**
Word count W(s) of docs/scoring.md §3.1: newlines become spaces, the text is split on single
spaces and every token that is not a lone punctuation mark counts.
(quirk) Empty tokens count, so doubled spaces add words and `wordCount('') === 1`.
*/
export function wordCount(text: string): number {
  let count = 0;
  for (const token of text.replace(/\n/g, ' ').split(' ')) {
    if (!NOT_WORDS.has(token)) count += 1;
  }
  return count;
}

/**
`Number(x.toFixed(digits))`: the official code rounds the exact binary value this way
(ties go up on the binary value, not the decimal one), so we must too.
*/
export function roundFixed(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
