// M7 ("explanation quality") lookups over user-supplied tables (docs/scoring.md §4.8). Pure: no I/O here.

/** Lookup tables built from the three official files; see `loadM7Tables` for reading them from a folder. */
export interface M7Tables {
  /** `eng_final_m7_AVG.json`: participant markup id → mark (0–100). */
  participant: ReadonlyMap<string, number>;
  /** `exper_m7_markup_100.json`: expert markup id → mark (0–100). */
  expert: ReadonlyMap<string, number>;
  /** `excludedDoubles.json`: essay ids whose pairs count M7 (weight 1). */
  excluded: ReadonlySet<string>;
  /**
  The same tables where the last row per `mk_uuid` wins, as the official loop does (it never breaks);
  `compat: 'official'` reads these. Absent: the first-wins maps are used.
  */
  participantLast?: ReadonlyMap<string, number>;
  expertLast?: ReadonlyMap<string, number>;
}

export interface M7Row {
  mk_uuid: string;
  mark: number;
}

/** No tables: M7 = 0 and its weight 0 for every pair, as the official package gives for unknown ids. */
export const NO_M7_TABLES: M7Tables = { participant: new Map(), expert: new Map(), excluded: new Set() };

/** The first row per `mk_uuid` wins, like the official `find`. */
export function createM7Tables(rows: {
  participant?: readonly M7Row[];
  expert?: readonly M7Row[];
  excluded?: readonly string[];
}): M7Tables {
  return {
    participant: toMap(rows.participant ?? []),
    expert: toMap(rows.expert ?? []),
    excluded: new Set(rows.excluded ?? []),
    participantLast: toMap(rows.participant ?? [], true),
    expertLast: toMap(rows.expert ?? [], true),
  };
}

function toMap(rows: readonly M7Row[], last = false): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of rows) if (last || !map.has(r.mk_uuid)) map.set(r.mk_uuid, r.mark);
  return map;
}

/**
The M7 weight of one pair. (difference) The official weight is a module singleton that only changes when both
markups have selections; here it is decided for every pair from the essay id alone, so results never depend on
what was scored before.
*/
export function m7Weight(tables: M7Tables, essayId: string): 0 | 1 {
  return tables.excluded.has(essayId) ? 1 : 0;
}

/** M7 of markup X as a fraction: experts from the expert table, participants from the participant table, else 0. */
export function m7Value(tables: M7Tables, markupId: string, isExpert: boolean): number {
  const mark = (isExpert ? tables.expert : tables.participant).get(markupId);
  return mark === undefined ? 0 : mark / 100;
}

/**
M7 exactly as the official package computes it (`compat: 'official'`): the last row wins, the mark is
rounded with `toFixed(2)` and divided by 100, and nothing clamps it.
*/
export function m7ValueOfficial(tables: M7Tables, markupId: string, isExpert: boolean): number {
  const map = isExpert
    ? (tables.expertLast ?? tables.expert)
    : (tables.participantLast ?? tables.participant);
  const mark = map.get(markupId) ?? 0;
  return Number(mark.toFixed(2)) / 100;
}
