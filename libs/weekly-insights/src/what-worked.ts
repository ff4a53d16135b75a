/**
 * "What worked": the user's own patterns, each value of a dimension against the rest of their
 * applications, shown only when its rate is higher with an interval that excludes 0 and both
 * sides reach the minimum sample. A pattern is a correlation within one person; where the
 * attribution studied the same treatment its causal verdict is attached, so that a habit that
 * only goes with success (the Tuesday trap) says so.
 */
import { DEFAULT_ATTRIBUTION_SETTINGS, WEEKDAYS } from '@hirelearn/attribution';
import type { WeeklyContext } from './context';
import { descriptiveConfidence, rateDifference, type Counts } from './evidence';
import { int, makeInsight, points, words } from './insight';
import type { PatternCount, UserState } from './queries';
import type { Evidence, Insight, WeeklySection } from './types';

/**
 * A company size bucket in words (`1,001 to 5,000`): the contract's `1001-5000` has the shape
 * of a phone number to the privacy audit once it stands in a sentence.
 */
export function companySize(bucket: string): string {
  const m = /^(\d+)-(\d+)$/.exec(bucket) ?? /^(\d+)\+$/.exec(bucket);
  if (!m) return bucket;
  return m[2] === undefined
    ? `${int(Number(m[1]))} or more`
    : `${int(Number(m[1]))} to ${int(Number(m[2]))}`;
}

/** One candidate pattern: a treatment name (the attribution's where it has one) and its cell. */
interface Candidate {
  readonly treatment: string;
  readonly label: string;
  readonly cell: Counts;
}

const PATTERN_METHOD =
  'two-proportion z test (unpooled Wald interval), your applications with against without; a correlation within your own applications';

function candidates(cells: readonly PatternCount[]): { total: Counts; list: Candidate[] } {
  const of = (d: PatternCount['dimension']) => cells.filter((c) => c.dimension === d);
  const tailoring = of('tailoring');
  const total = tailoring.reduce((t, c) => ({ x: t.x + c.x, n: t.n + c.n }), { x: 0, n: 0 });
  const list: Candidate[] = [];
  const tailored = tailoring.find((c) => c.value === 'true');
  if (tailored)
    list.push({ treatment: 'tailoring_applied', label: 'tailored applications', cell: tailored });
  for (const c of of('weekday')) {
    const day = WEEKDAYS[Number(c.value) - 1];
    if (day) list.push({ treatment: `applied_on_${day}`, label: `applying on ${day}s`, cell: c });
  }
  const hours = of('hour');
  for (const band of DEFAULT_ATTRIBUTION_SETTINGS.hour_bands) {
    const inBand = hours.filter((c) => Number(c.value) >= band.from && Number(c.value) < band.to);
    if (inBand.length === 0) continue;
    const cell = inBand.reduce((t, c) => ({ x: t.x + c.x, n: t.n + c.n }), { x: 0, n: 0 });
    list.push({
      treatment: `applied_in_${band.name}`,
      label: `applying in the ${band.name}`,
      cell,
    });
  }
  for (const c of of('category'))
    list.push({ treatment: `category:${c.value}`, label: `${c.value} jobs`, cell: c });
  for (const c of of('company_size'))
    list.push({
      treatment: `company_size:${c.value}`,
      label: `companies of ${companySize(c.value)} people`,
      cell: c,
    });
  for (const c of of('edit'))
    list.push({ treatment: c.value, label: `a resume with ${words(c.value)}`, cell: c });
  return { total, list };
}

/** What the attribution says about a pattern's treatment, in words. */
function causalNote(ctx: WeeklyContext, treatment: string): string {
  const e = ctx.effects.by_treatment.get(treatment);
  if (e === undefined) return 'Not studied causally: a correlation only.';
  if (ctx.effects.actions.some((a) => a.treatment === treatment))
    return `The attribution confirms it causes interviews (graded ${e.causal_confidence}).`;
  return `The attribution finds no established causal effect (${e.recommendation}): a correlation only, do not plan around it.`;
}

/** The "what worked" section of a full report. */
export function whatWorkedSection(
  ctx: WeeklyContext,
  state: UserState,
  cells: readonly PatternCount[],
): WeeklySection {
  const a = ctx.settings.analytics;
  const { total, list } = candidates(cells);
  const found: { c: Candidate; e: Evidence }[] = [];
  for (const c of list) {
    const rest = { x: total.x - c.cell.x, n: total.n - c.cell.n };
    const e = rateDifference(c.cell, rest, a.min_sample, a.alpha, PATTERN_METHOD);
    if (e !== null && e.interval[0] > 0) found.push({ c, e });
  }
  found.sort((p, q) => q.e.effect - p.e.effect || p.c.treatment.localeCompare(q.c.treatment));
  const insights: Insight[] = found.slice(0, ctx.settings.max_patterns).map(({ c, e }) =>
    makeInsight(state.user_id, ctx.week.label, {
      section: 'what_worked',
      type: 'user_pattern',
      subject: c.treatment,
      title: `Your interviews came more often with ${c.label}`,
      detail: `${c.cell.x} of ${c.cell.n} (${((100 * c.cell.x) / c.cell.n).toFixed(0)}%) reached an interview, against the rest of your applications: ${points(e)}. ${causalNote(ctx, c.treatment)}`,
      evidence: e,
      confidence: descriptiveConfidence(e),
      action: null,
      source: 'your applications before the week ended',
    }),
  );
  const notes =
    insights.length > 0
      ? []
      : [
          `no pattern of yours stands out at ${Math.round(100 * (1 - a.alpha))}% with at least ${a.min_sample} applications on each side (${total.n} applications so far)`,
        ];
  return Object.freeze({
    name: 'what_worked',
    title: 'What worked for you',
    insights: Object.freeze(insights),
    notes: Object.freeze(notes),
  });
}
