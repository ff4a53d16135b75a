/**
 * Loads the analysis table from the event store: DuckDB does the joins and aggregation, and
 * only the per-application numeric columns come back, stored column-wise.
 */
import type { SqlSource } from '@hirelearn/store';
import { analysisColumns, editTypesInLog, hasAnalysisFacts } from './queries';
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
  store: SqlSource,
  window: AnalysisWindow = {},
): Promise<AnalysisTable> {
  if (!(await hasAnalysisFacts(store))) return EMPTY;
  const editTypes = await editTypesInLog(store);
  const c = await analysisColumns(store, editTypes, window);
  return Object.freeze({
    n: c.application_ids.length,
    application_ids: c.application_ids,
    user_ids: c.user_ids,
    submitted_at: c.submitted_at,
    edit_types: editTypes,
    columns: Object.freeze(c.columns),
  });
}
