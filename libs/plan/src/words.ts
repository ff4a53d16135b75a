/**
 * A plan and its trade-offs in words a job seeker reads: "2 more interviews a month costs 6
 * more hours a week". Numbers are rounded to what a person can act on.
 */
import { PLAN_CATEGORIES, type PlanLever, type PlanOption } from './types';

/** 1 decimal, without a trailing .0. */
export const round1 = (x: number): string => {
  const r = Math.round(x * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

/** "8 applications a week (5 target, 3 safety), 60 % tailored: 7 h a week, about 3.1 interviews a month, alignment 72 %". */
export function describePlan(o: PlanOption, levers: readonly PlanLever[]): string {
  const parts = PLAN_CATEGORIES.filter((c) => o.applications_per_week[c] >= 0.05).map(
    (c) => `${round1(o.applications_per_week[c])} ${c}`,
  );
  const leverWords = levers
    .filter((l) => l.effect !== 0 || l.extra_hours_per_application > 0)
    .map((l) => `${l.action} ${Math.round(100 * (o.lever_shares[l.treatment] ?? 0))} %`);
  const alignment = o.alignment_pct === null ? '' : `, alignment ${Math.round(o.alignment_pct)} %`;
  return (
    `${round1(o.total_applications_per_week)} applications a week (${parts.join(', ') || 'none'})` +
    `${leverWords.length ? `, ${leverWords.join(', ')}` : ''}: ${round1(o.hours_per_week)} h a week, ` +
    `about ${round1(o.interviews_per_month)} interviews a month${alignment}`
  );
}

function alignmentChange(from: PlanOption, to: PlanOption): string {
  if (from.alignment_pct === null || to.alignment_pct === null) return '';
  const d = Math.round(to.alignment_pct - from.alignment_pct);
  if (d === 0) return '';
  return ` (alignment ${Math.round(from.alignment_pct)} % -> ${Math.round(to.alignment_pct)} %)`;
}

/** "2 more interviews a month" / "1.5 fewer interviews a month". */
const moreOrFewer = (d: number, what: string) =>
  Math.abs(d) < 0.05
    ? `no more ${what}`
    : `${round1(Math.abs(d))} ${d >= 0 ? 'more' : 'fewer'} ${what}`;

/** More or fewer aligned interviews, when the plan scores alignment. */
function alignedChange(from: PlanOption, to: PlanOption): string {
  if (from.aligned_interviews_per_month === null || to.aligned_interviews_per_month === null)
    return '';
  const d = to.aligned_interviews_per_month - from.aligned_interviews_per_month;
  return ` and brings ${moreOrFewer(d, 'aligned interviews a month')}${alignmentChange(from, to)}`;
}

/**
 * The knee against the front's extremes: what more interviews cost, what fewer hours lose. A
 * difference under `minInterviews` a month is not worth a sentence (NSGA-II's front is an
 * approximation: plans a hair apart differ by noise).
 */
export function tradeOffInWords(
  front: readonly PlanOption[],
  knee: PlanOption,
  minInterviews: number,
): string {
  const by = (f: (o: PlanOption) => number) => front.reduce((a, b) => (f(b) > f(a) ? b : a));
  const most = by((o) => o.interviews_per_month);
  const lightest = by((o) => -o.hours_per_week);
  const sentences: string[] = [];
  if (most.interviews_per_month - knee.interviews_per_month >= minInterviews) {
    const extraHours = most.hours_per_week - knee.hours_per_week;
    const cost =
      extraHours >= 0.05
        ? `costs ${moreOrFewer(extraHours, 'hours a week')}${alignmentChange(knee, most)}`
        : `takes the same hours${alignedChange(knee, most)}`;
    sentences.push(
      `${moreOrFewer(most.interviews_per_month - knee.interviews_per_month, 'interviews a month')} (${round1(most.interviews_per_month)}, the most any plan within your hours reaches) ${cost}.`,
    );
  }
  if (knee.hours_per_week - lightest.hours_per_week >= 0.05) {
    sentences.push(
      `The lightest plan saves ${round1(knee.hours_per_week - lightest.hours_per_week)} hours a week for ${moreOrFewer(lightest.interviews_per_month - knee.interviews_per_month, 'interviews a month')}.`,
    );
  }
  if (knee.aligned_interviews_per_month !== null) {
    const aligned = by((o) => o.aligned_interviews_per_month ?? 0);
    const gain = (aligned.aligned_interviews_per_month ?? 0) - knee.aligned_interviews_per_month;
    if (aligned !== most && gain >= minInterviews) {
      sentences.push(
        `Aiming closer to your targets, ${moreOrFewer(gain, 'aligned interviews a month')} costs ${moreOrFewer(aligned.hours_per_week - knee.hours_per_week, 'hours a week')} and brings ${moreOrFewer(aligned.interviews_per_month - knee.interviews_per_month, 'interviews a month')} in all${alignmentChange(knee, aligned)}.`,
      );
    }
  }
  return sentences.length
    ? sentences.join(' ')
    : 'No plan within your hours does better in any objective.';
}
