// Colours for selection types: light fills (dark text stays above 7:1 contrast) and a darker line per type.

const PALETTE: ReadonlyArray<readonly [fill: string, line: string]> = [
  ['#cfe2ff', '#1f5bb5'],
  ['#ffe0b3', '#b35c00'],
  ['#d3f2d3', '#2b7a2b'],
  ['#f9d0d9', '#b0264a'],
  ['#e6d9fb', '#6a3fb5'],
  ['#d6f0f5', '#1a7384'],
  ['#fff3b0', '#8a7400'],
  ['#f3dccb', '#8a4b22'],
  ['#dfe6ee', '#4a5a6e'],
  ['#fcd7f3', '#a3338c'],
  ['#e3f0c4', '#5b7a12'],
  ['#ffd6cc', '#b33a1f'],
];

export interface TypeColour {
  fill: string;
  line: string;
}

/** Assigns colours to `group/type` keys in the order first seen, so a legend and its text agree. */
export class ColourMap {
  readonly #map = new Map<string, TypeColour>();

  static key(group: string, type: string): string {
    return `${group}\u0000${type}`;
  }

  get(group: string, type: string): TypeColour {
    const key = ColourMap.key(group, type);
    let c = this.#map.get(key);
    if (!c) {
      const [fill, line] = PALETTE[this.#map.size % PALETTE.length]!;
      c = { fill, line };
      this.#map.set(key, c);
    }
    return c;
  }

  entries(): Array<{ group: string; type: string; colour: TypeColour }> {
    return [...this.#map].map(([key, colour]) => {
      const [group = '', type = ''] = key.split('\u0000');
      return { group, type, colour };
    });
  }
}

/** Colours by PSR outcome on the compare page. */
export const STATUS_COLOURS: Record<'matched' | 'missed' | 'spurious' | 'unscored', TypeColour> = {
  matched: { fill: '#d3f2d3', line: '#2b7a2b' },
  missed: { fill: '#ffe0b3', line: '#b35c00' },
  spurious: { fill: '#f9d0d9', line: '#b0264a' },
  unscored: { fill: '#dfe6ee', line: '#4a5a6e' },
};
