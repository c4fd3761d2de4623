/**
Keeps the beginning of a stream's text up to a limit and a short tail after it, so a chatty
program cannot fill memory while the first line (what went wrong first) and the last lines (a
Python traceback's exception) both survive.
*/
export class CapturedText {
  #head = '';
  #tail = '';
  #omitted = 0;

  constructor(
    private readonly limit: number,
    private readonly tailLength = 4096,
  ) {}

  append(text: string): void {
    const room = this.limit - this.#head.length;
    if (room > 0) {
      this.#head += text.slice(0, room);
      text = text.slice(room);
    }
    if (text === '') return;
    const tail = this.#tail + text;
    const cut = Math.max(0, tail.length - this.tailLength);
    this.#omitted += cut;
    this.#tail = tail.slice(cut);
  }

  toString(): string {
    if (this.#omitted === 0) return this.#head + this.#tail;
    return `${this.#head}\n[… ${this.#omitted} characters omitted …]\n${this.#tail}`;
  }
}

/**
One line that says what went wrong: the first non-empty line, except for a Python traceback,
whose first line says nothing and whose last line names the exception.
*/
export function summariseStderr(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  if (first === undefined) return undefined;
  const line = first.startsWith('Traceback (most recent call last)') ? (lines.at(-1) ?? first) : first;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
