/** ISO weekdays 1..7 (Monday first, as DuckDB's `isodow`), named as the treatments are. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
