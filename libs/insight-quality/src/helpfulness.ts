/**
 * Helpfulness where people said what they thought: the `SUGGESTION_ACCEPTED`, `EDITED` and
 * `REJECTED` answers to a delivered resume edit (its `suggestion_id`, else its edit type)
 * within the acted-on window. Accepted and edited count as helpful.
 */
import { DAY_MS } from './acted-on';
import type { InsightDelivery } from './delivery';
import { rateFigure, type RateFigure } from './figures';
import { outcomesOf, type UserOutcomes } from './outcome-queries';
import type { InsightQualitySettings } from './settings';

export interface Helpfulness extends RateFigure {
  readonly accepted: number;
  readonly edited: number;
  readonly rejected: number;
}

export function measureHelpfulness(
  deliveries: readonly InsightDelivery[],
  log: ReadonlyMap<string, UserOutcomes>,
  s: InsightQualitySettings,
): Helpfulness {
  let accepted = 0;
  let edited = 0;
  let rejected = 0;
  const users = new Set<string>();
  for (const d of deliveries) {
    const a = d.action;
    if (d.user_id === null || a.type !== 'resume_edit') continue;
    const from = Date.parse(d.delivered_at);
    const to = from + s.acted_on_window_days * DAY_MS;
    for (const f of outcomesOf(log, d.user_id).feedback) {
      if (f.at_ms <= from || f.at_ms > to) continue;
      const linked =
        a.suggestion_id !== undefined
          ? f.suggestion_id === a.suggestion_id
          : f.edit_type === a.edit_type;
      if (!linked) continue;
      users.add(d.user_id);
      if (f.type === 'SUGGESTION_ACCEPTED') accepted++;
      else if (f.type === 'SUGGESTION_EDITED') edited++;
      else rejected++;
    }
  }
  const responses = accepted + edited + rejected;
  return {
    ...rateFigure(accepted + edited, responses, users.size, s.min_users, s.alpha),
    accepted,
    edited,
    rejected,
  };
}
