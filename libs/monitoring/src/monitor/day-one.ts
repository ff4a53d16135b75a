import type { ScoredRecord } from './health';
import type { ApplicationOutcome } from './outcome-queries';
import type { LoggedPrediction } from './types';

/** A user's first applications by user id (`loadFirstApplications`). */
export type FirstApplications = ReadonlyMap<string, readonly string[]>;

/** The longest horizon of the day-one predictions among `logged` (0 when there are none). */
export function dayOneHorizon(logged: readonly LoggedPrediction[]): number {
  let horizon = 0;
  for (const row of logged) if ((row.horizon ?? 0) > horizon) horizon = row.horizon ?? 0;
  return horizon;
}

/**
 * A day-one prediction (a user's rate over their first `horizon` applications, joined to no
 * application) as the records that score it: one per application among the user's first
 * `horizon`, each with the predicted rate as its probability and that application's outcome
 * and features. That is the per-application Brier and calibration the cold-start evaluation
 * reports, so the monitor's windows read the same figures; each application counts once its
 * outcome has arrived. A user with no application yet gives one unlabelled record.
 */
export function dayOneRecords(
  row: LoggedPrediction,
  t: number,
  firstApplications: FirstApplications,
  outcomes: ReadonlyMap<string, ApplicationOutcome>,
): ScoredRecord[] {
  const ids = (firstApplications.get(row.user_id) ?? []).slice(0, row.horizon);
  if (ids.length === 0) return [{ t, p: row.probability, y: null, features: {} }];
  return ids.map((id) => {
    const o = outcomes.get(id);
    return { t, p: row.probability, y: o?.y ?? null, features: o?.features ?? {} };
  });
}
