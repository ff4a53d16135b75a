/**
 * Did the user do what a delivery recommended? Read from the event log after the delivery,
 * within `acted_on_window_days`, by where the action shows (delivery.ts, `RecommendedAction`).
 */
import type { InsightDelivery, RecommendedAction } from './delivery';
import type { ApplicationOutcome, UserOutcomes } from './outcome-queries';
import type { InsightQualitySettings } from './settings';

export const DAY_MS = 86_400_000;

/**
 * `already_done`: the resume carried the edit when it was delivered, or the user's applications
 * already matched a share action (tailoring, timing, target) at `acted_on_share` in the window
 * before it: nothing left to act on, and counting them as actors would measure a habit kept as
 * no lift (their before and after are the same); `not_observable`: a layer's configuration or an action with no act in the log.
 */
export type ActStatus = 'acted' | 'not_acted' | 'already_done' | 'not_observable';

export interface ActedOn {
  readonly status: ActStatus;
  /** When the user first did it (epoch ms), for `acted`. */
  readonly acted_at_ms: number | null;
}

const NOT_OBSERVABLE: ActedOn = { status: 'not_observable', acted_at_ms: null };

export function actedOn(
  delivery: InsightDelivery,
  outcomes: UserOutcomes,
  settings: InsightQualitySettings,
): ActedOn {
  if (delivery.user_id === null) return NOT_OBSERVABLE;
  const from = Date.parse(delivery.delivered_at);
  const to = from + settings.acted_on_window_days * DAY_MS;
  const a = delivery.action;
  switch (a.type) {
    case 'resume_edit':
      return resumeEditActed(a, outcomes, from, to);
    case 'tailoring':
      return shareActed(outcomes.applications, from, to, settings, (x) => x.tailored);
    case 'timing':
      return shareActed(
        outcomes.applications,
        from,
        to,
        settings,
        (x) =>
          (a.weekdays === undefined || a.weekdays.includes(x.weekday)) &&
          (a.hours === undefined || (x.hour >= a.hours[0] && x.hour < a.hours[1])),
      );
    case 'target':
      return shareActed(
        outcomes.applications,
        from,
        to,
        settings,
        (x) => x.category === a.category,
      );
    default:
      return NOT_OBSERVABLE;
  }
}

type ResumeEdit = Extract<RecommendedAction, { type: 'resume_edit' }>;

/** The first rewrite adding the edit type, or the first acceptance of the suggestion delivered. */
function resumeEditActed(a: ResumeEdit, o: UserOutcomes, from: number, to: number): ActedOn {
  const before = o.edits.filter((e) => e.at_ms <= from).at(-1);
  if (before?.carried.includes(a.edit_type)) return { status: 'already_done', acted_at_ms: null };
  const times: number[] = [];
  const edit = o.edits.find(
    (e) => e.at_ms > from && e.at_ms <= to && e.added.includes(a.edit_type),
  );
  if (edit) times.push(edit.at_ms);
  const accepted = o.feedback.find(
    (f) =>
      f.at_ms > from &&
      f.at_ms <= to &&
      f.type !== 'SUGGESTION_REJECTED' &&
      (a.suggestion_id !== undefined
        ? f.suggestion_id === a.suggestion_id
        : f.edit_type === a.edit_type),
  );
  if (accepted) times.push(accepted.at_ms);
  return times.length > 0
    ? { status: 'acted', acted_at_ms: Math.min(...times) }
    : { status: 'not_acted', acted_at_ms: null };
}

/**
 * Acted when at least `acted_on_share` of the applications in the window after the delivery
 * match; already done when that share matched in a window as long before it.
 */
function shareActed(
  applications: readonly ApplicationOutcome[],
  from: number,
  to: number,
  settings: InsightQualitySettings,
  matches: (a: ApplicationOutcome) => boolean,
): ActedOn {
  const matchingIn = (lo: number, hi: number) => {
    const inWindow = applications.filter((x) => x.at_ms > lo && x.at_ms <= hi);
    const matching = inWindow.filter(matches);
    return inWindow.length > 0 && matching.length / inWindow.length >= settings.acted_on_share
      ? matching
      : null;
  };
  if (matchingIn(from - (to - from), from) !== null)
    return { status: 'already_done', acted_at_ms: null };
  const matching = matchingIn(from, to);
  if (matching === null) return { status: 'not_acted', acted_at_ms: null };
  return { status: 'acted', acted_at_ms: matching[0].at_ms };
}
