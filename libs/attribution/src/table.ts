/**
 * Loads the analysis table from the event store: DuckDB does the joins and aggregation, and
 * only the per-application numeric columns come back, stored column-wise.
 */
import type { EventStore } from '@hirelearn/store';
import { analysisQuery, EDIT_TYPES_SQL } from './sql';
import type { AnalysisWindow } from './window';

/** One row per submitted application; every analysis column is numeric. */
export interface AnalysisTable {
  readonly n: number;
  readonly application_ids: readonly string[];
  readonly user_ids: readonly string[];
  readonly submitted_at: readonly string[];
  readonly edit_types: readonly string[];
  readonly columns: Readonly<Record<string, readonly number[]>>;
}

const TEXT_COLUMNS = new Set(['application_id', 'user_id', 'submitted_at']);

const FACTS = ['applications', 'users', 'resume_versions'];

const EMPTY: AnalysisTable = Object.freeze({
  n: 0,
  application_ids: [],
  user_ids: [],
  submitted_at: [],
  edit_types: [],
  columns: Object.freeze({}),
});

/**
 * Reads the facts of the applications in `window` (all when absent) into an `AnalysisTable`
 * (empty when the store has no facts yet).
 */
export async function loadAnalysisTable(
  store: EventStore,
  window: AnalysisWindow = {},
): Promise<AnalysisTable> {
  const present = await store.rows(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN (${FACTS.map((t) => `'${t}'`).join(', ')})`,
  );
  if (Number(present[0]?.n) < FACTS.length) return EMPTY;
  const types = await store.rows(EDIT_TYPES_SQL);
  const editTypes = types.map((r) => String(r.edit_type));
  const query = analysisQuery(editTypes, window);
  const rows = await store.rows(query.sql, [...query.params]);
  const keys = rows.length > 0 ? Object.keys(rows[0]).filter((k) => !TEXT_COLUMNS.has(k)) : [];
  const columns: Record<string, number[]> = {};
  for (const key of keys)
    columns[query.columns.get(key) ?? key] = rows.map((r) => Number(r[key] ?? NaN));
  return Object.freeze({
    n: rows.length,
    application_ids: rows.map((r) => String(r.application_id)),
    user_ids: rows.map((r) => String(r.user_id)),
    submitted_at: rows.map((r) => String(r.submitted_at)),
    edit_types: editTypes,
    columns: Object.freeze(columns),
  });
}
