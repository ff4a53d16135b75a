/**
 * Market context: postings for the user's target roles and industries this week against the
 * weeks before (a Poisson rate ratio), with any level shift the change-point detection dates
 * in that span. The segment-level version reads the whole market instead of the profile.
 */
import type { WeeklyContext } from './context';
import { descriptiveConfidence, excludesZero, relativeChange } from './evidence';
import { int, makeInsight, percent } from './insight';
import type { MarketSeriesWeek } from './market';
import type { UserState } from './queries';
import type { Evidence, Insight, WeeklySection } from './types';

function method(m: MarketSeriesWeek): string {
  return `postings this week against the mean of the previous ${m.baseline_weeks} weeks (Poisson rate ratio)`;
}

function shiftText(m: MarketSeriesWeek): string {
  const s = m.shift;
  if (s === null || s.relative_change === null) return '';
  return ` A level shift from ${s.date}: ${s.relative_change >= 0 ? '+' : ''}${Math.round(100 * s.relative_change)}% (change-point detection, season removed).`;
}

/** The market section; `forSegment`: the whole market rather than the user's roles. */
export function marketSection(
  ctx: WeeklyContext,
  state: UserState,
  forSegment: boolean,
): WeeklySection {
  const s = ctx.settings;
  const keys = forSegment
    ? [...ctx.market.keys()]
    : [
        ...state.target_roles.map((r) => `role/${r}`),
        ...state.industries.map((i) => `industry/${i}`),
      ];
  const found: { m: MarketSeriesWeek; e: Evidence }[] = [];
  for (const key of new Set(keys)) {
    const m = ctx.market.get(key);
    if (!m) continue;
    const e = relativeChange(
      m.week_postings,
      m.baseline_postings,
      m.baseline_weeks,
      s.min_postings,
      s.analytics.alpha,
      method(m),
    );
    if (e !== null) found.push({ m, e });
  }
  // Changes that hold first, the largest first; then the steady series.
  found.sort(
    (p, q) =>
      Number(excludesZero(q.e)) - Number(excludesZero(p.e)) ||
      Math.abs(q.e.effect) - Math.abs(p.e.effect) ||
      p.m.value.localeCompare(q.m.value),
  );
  const shown = forSegment ? found.filter((f) => excludesZero(f.e)) : found;
  const insights: Insight[] = shown.slice(0, s.max_market_items).map(({ m, e }) => {
    const what = m.dimension === 'role' ? `${m.value} postings` : `Postings in ${m.value}`;
    const moved = !excludesZero(e) ? 'steady' : e.effect > 0 ? 'up' : 'down';
    return makeInsight(state.user_id, ctx.week.label, {
      section: 'market_context',
      type: 'market_shift',
      subject: `${m.dimension}/${m.value}`,
      title: `${what} ${moved} this week`,
      detail: `${int(m.week_postings)} this week against ${int(m.baseline_postings / m.baseline_weeks)} a week before: ${percent(e)}.${shiftText(m)}`,
      evidence: e,
      confidence: descriptiveConfidence(e),
      action: null,
      source: `postings/${m.dimension}`,
    });
  });
  const notes =
    insights.length > 0
      ? []
      : [
          forSegment
            ? 'no role or industry moved beyond its usual range this week'
            : `no posting series of your target roles or industries has ${s.min_postings} postings a week to compare`,
        ];
  return Object.freeze({
    name: 'market_context',
    title: 'The market',
    insights: Object.freeze(insights),
    notes: Object.freeze(notes),
  });
}
