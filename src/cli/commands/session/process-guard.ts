import type { Logger } from '../../../log/index.js';

/** What the guard caught, for the closing warning. */
export interface ProcessGuard {
  /** Unhandled rejections and uncaught exceptions caught so far. */
  readonly caught: number;
  /** Takes the handlers off again (the process behaves as Node's default once more). */
  remove(): void;
}

export interface ProcessGuardOptions {
  /** The files in flight at the moment, named in the record (the fault is likely one of theirs). */
  inFlight: () => string[];
  /** @default process */
  target?: NodeJS.Process;
}

/** The error and where it was thrown: the first stack frame outside Node's own code. */
function describe(value: unknown): string {
  if (value instanceof Error) {
    const frame = value.stack
      ?.split('\n')
      .slice(1)
      .map((line) => line.trim())
      .find((line) => line.startsWith('at ') && !line.includes('node:internal'));
    return `${value.name}: ${value.message}${frame ? ` (${frame})` : ''}`;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
While a session runs, an unhandled promise rejection or an exception thrown asynchronously by code
in the client's process (an in-process markup module, most likely) must not end the process with
files in flight: Node's default is to die. Each one is logged as an error, with its stack and the
files in flight, and the session goes on; the file whose markup died is answered by the deadline
policy like any other failed markup (docs: src/session/README.md, "Deadline policy").
*/
export function guardProcess(logger: Logger, options: ProcessGuardOptions): ProcessGuard {
  const target = options.target ?? process;
  let caught = 0;
  const report = (kind: string, error: unknown) => {
    caught += 1;
    const inFlight = options.inFlight();
    const files = inFlight.length > 0 ? ` while file(s) ${inFlight.join(', ')} were in flight` : '';
    logger.error(
      { err: error, kind, inFlight },
      `${kind} in the client process (a markup module?)${files}: ${describe(error)}; caught, the session goes on`,
    );
  };
  const onRejection = (reason: unknown) => report('unhandled promise rejection', reason);
  const onException = (error: Error) => report('uncaught exception', error);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return {
    get caught() {
      return caught;
    },
    remove() {
      target.off('unhandledRejection', onRejection);
      target.off('uncaughtException', onException);
    },
  };
}
