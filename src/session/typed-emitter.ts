import { EventEmitter } from 'node:events';

/** Event name → listener arguments. Interfaces qualify too (no index signature needed). */
export type EventMap<M> = { [K in keyof M]: unknown[] };

/**
Node's EventEmitter with the event names and argument tuples checked by the compiler. A thin
wrapper, not a subclass, so an untyped `emit` cannot slip through.
*/
export class TypedEmitter<M extends EventMap<M>> {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Many progress listeners (display, summary, bench hooks) may watch one session.
    this.#emitter.setMaxListeners(50);
  }

  on<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  removeAllListeners(): this {
    this.#emitter.removeAllListeners();
    return this;
  }

  listenerCount<E extends keyof M & string>(event: E): number {
    return this.#emitter.listenerCount(event);
  }

  protected emit<E extends keyof M & string>(event: E, ...args: M[E]): boolean {
    return this.#emitter.emit(event, ...args);
  }
}
