import type { Essay } from '../essay/index.js';

/** What a markup implementation knows about the file it is marking. */
export interface MarkupContext {
  /** The platform's file id (digits). */
  readonly fileId: string;
  /** Epoch milliseconds by which the platform expects the answer. */
  readonly deadline: number;
  /** Aborted when the answer is no longer wanted (deadline policy, Ctrl+C, session end). */
  readonly signal: AbortSignal;
  /** The session's output directory, for implementations that exchange files with the user's program. */
  readonly outputDir?: string;
}

/**
A team's algorithm. `markup` returns the essay with selections added (a new essay or the
same one), or `null` to say "do not send anything for this file" (the only-save mode).
An implementation must not change the essay it is given; the `Marker` hands it a copy anyway.
*/
export interface Markup {
  /** Short name for logs and the summary (`demo`, `command:python3 my.py`, …). */
  readonly name: string;
  /** A line the session logs once when it starts with this markup (the demo says it is not for real use). */
  readonly warning?: string;
  markup(essay: Essay, context: MarkupContext): Promise<Essay | null>;
  /** Optional synchronous variant for one-off command-line use. */
  markupSync?(essay: Essay): Essay | null;
  /** Releases what the implementation holds (child processes, watchers). Safe to call twice. */
  close?(): Promise<void>;
}

/**
Where markups write what the user's program says (stderr lines). A pino `Logger` fits;
so does `{ info() {}, warn() {} }` in a test.
*/
export interface MarkupLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}
