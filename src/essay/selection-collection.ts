import { Selection, type SelectionLike } from './selection.js';
import type { SelectionData } from './types.js';

/** The ordered selections of one essay. Order is kept as added; nothing is sorted behind your back. */
export class SelectionCollection implements Iterable<Selection> {
  #items: Selection[] = [];

  constructor(items: Iterable<Selection | SelectionLike> = []) {
    for (const item of items) this.add(item);
  }

  get length(): number {
    return this.#items.length;
  }

  /** Like `Array.prototype.at`: negative indices count from the end. */
  at(index: number): Selection | undefined {
    return this.#items.at(index);
  }

  /**
  Appends a selection and returns it. A plain object is checked (`SelectionError` on a wrong
  type); without an `id` it gets one greater than every id already here.
  */
  add(selection: Selection | SelectionLike): Selection {
    const item =
      selection instanceof Selection
        ? selection
        : new Selection({ ...selection, id: selection.id ?? this.nextId() });
    this.#items.push(item);
    return item;
  }

  /** Removes one selection (by identity); true when it was there. */
  remove(selection: Selection): boolean {
    const index = this.#items.indexOf(selection);
    if (index === -1) return false;
    this.#items.splice(index, 1);
    return true;
  }

  clear(): void {
    this.#items = [];
  }

  /** The id `add` gives a selection that has none. */
  nextId(): number {
    let max = 0;
    for (const item of this.#items) if (item.id > max) max = item.id;
    return Math.floor(max) + 1;
  }

  /** A copy: changing the array does not change the collection. */
  toArray(): Selection[] {
    return [...this.#items];
  }

  [Symbol.iterator](): Iterator<Selection> {
    return this.#items[Symbol.iterator]();
  }

  toJSON(): SelectionData[] {
    return this.#items.map((item) => item.toJSON());
  }
}
