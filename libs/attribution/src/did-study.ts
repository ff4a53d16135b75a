/**
 * Resume edits as difference-in-differences over users' before/after application streams
 * (issue 4). For each edit type, the panel is user × period (calendar month by default): the
 * outcome is the share of the user's applications of that period that reached interview, the
 * treatment the share that used a resume version carrying the edit (0 before the user's edit,
 * 1 after, in between in the month of the edit). Two-way fixed effects of user and period
 * (`didTwoWayFe` of libs/causal), errors clustered by user: users who made the edit are compared
 * with themselves before it, net of what happened meanwhile to users who had not (yet) made it.
 *
 * What it measures: the edit's TOTAL effect on the users who made it (an ATT), through the
 * resume score and the strategy mode as well, since both move with the edit and nothing after
 * the edit is adjusted for; compare it with truth's `total_att`/`total_ate`, not the direct `ate`.
 * The user effects absorb every fixed trait (the hidden skill and organisation that confound the
 * cross-sectional comparison); what they cannot absorb is a trend that differs between users who
 * edit and users who do not — hence the pre-trend test, the study's refuter: a placebo treatment
 * in the `pre_trend_periods` periods just before a user's first treated period, estimated on the
 * untreated user-periods only, must show no effect (its interval covers 0).
 *
 * Why user × period cells rather than applications: the panel is the users' streams, each
 * user-period counts once (a prolific applicant does not outweigh the others), and the panel
 * stays small (users × periods rows) for the alternating projections.
 */
import { didTwoWayFe, naiveDifference, type EffectEstimate } from '@hirelearn/causal';
import type { DesignStudy } from './design-study';
import type { RefutationSummary } from './effect';
import type { AttributionSettings, DidStudySettings } from './settings';
import type { AnalysisTable } from './table';

const DAY_MS = 86_400_000;

/** The period of an ISO timestamp: 'YYYY-MM', or the Monday-based week index since 1970. */
export function periodOf(submittedAt: string, period: DidStudySettings['period']): string {
  if (period === 'month') return submittedAt.slice(0, 7);
  // 1970-01-01 was a Thursday: shift by 3 days so that weeks start on Monday.
  return `w${Math.floor((Date.parse(submittedAt) / DAY_MS + 3) / 7)}`;
}

/** One user × period cell: mean outcome and treated share of its applications. */
export interface PanelCell {
  readonly user: string;
  readonly period: string;
  readonly outcome: number;
  readonly treated: number;
}

/** The user × period panel of one edit column (cells in the table's order of first appearance). */
export function userPeriodPanel(
  table: AnalysisTable,
  indicator: readonly number[],
  period: DidStudySettings['period'],
): PanelCell[] {
  const cells = new Map<
    string,
    { user: string; period: string; n: number; y: number; d: number }
  >();
  const y = table.columns.reached_interview;
  for (let i = 0; i < table.n; i++) {
    const p = periodOf(table.submitted_at[i], period);
    const key = `${table.user_ids[i]}\u0000${p}`;
    let c = cells.get(key);
    if (c === undefined) {
      c = { user: table.user_ids[i], period: p, n: 0, y: 0, d: 0 };
      cells.set(key, c);
    }
    c.n += 1;
    c.y += y[i];
    c.d += indicator[i];
  }
  return [...cells.values()].map((c) => ({
    user: c.user,
    period: c.period,
    outcome: c.y / c.n,
    treated: c.d / c.n,
  }));
}

const twfe = (cells: readonly PanelCell[], treated: readonly number[], s: AttributionSettings) =>
  didTwoWayFe(
    {
      outcome: cells.map((c) => c.outcome),
      treated,
      unit: cells.map((c) => c.user),
      time: cells.map((c) => c.period),
    },
    s.causal,
  );

/**
 * The pre-trend test: on the untreated cells, a placebo treatment marks the `k` periods (of the
 * panel's calendar) just before each switcher's first treated period.
 */
function preTrend(cells: readonly PanelCell[], s: AttributionSettings): RefutationSummary {
  const k = s.did.pre_trend_periods;
  const calendar = [...new Set(cells.map((c) => c.period))].sort();
  const index = new Map(calendar.map((p, i) => [p, i]));
  const firstTreated = new Map<string, number>();
  for (const c of cells) {
    if (c.treated === 0) continue;
    const t = index.get(c.period) as number;
    firstTreated.set(c.user, Math.min(t, firstTreated.get(c.user) ?? Infinity));
  }
  const untreated = cells.filter((c) => c.treated === 0);
  const lead = untreated.map((c) => {
    const t = index.get(c.period) as number;
    const f = firstTreated.get(c.user);
    return f !== undefined && t < f && t >= f - k ? 1 : 0;
  });
  const e = twfe(untreated, lead, s);
  const bound = e.status === 'ok' ? (e.ci[1] - e.ci[0]) / 2 : NaN;
  return {
    name: 'pre_trend',
    passed: e.status === 'ok' && e.ci[0] <= 0 && 0 <= e.ci[1],
    detail:
      e.status === 'ok'
        ? `placebo effect ${e.estimate.toPrecision(3)} in the ${k} ${s.did.period}s before the edit; must be within ±${bound.toPrecision(3)} of 0`
        : `the pre-trend fit failed: ${e.status} (${e.reasons.join('; ')})`,
    values: e.status === 'ok' ? { estimate: e.estimate, std_error: e.std_error, bound } : {},
  };
}

/** Users who switch (untreated then treated cells) and users with untreated cells. */
function support(cells: readonly PanelCell[]): { treated_users: number; control_users: number } {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const c of cells) (c.treated > 0 ? after : before).add(c.user);
  let switchers = 0;
  for (const u of after) if (before.has(u)) switchers++;
  return { treated_users: switchers, control_users: before.size - switchers };
}

/** The DiD of one edit type (its column `edit:<type>` in the table). */
export function didStudy(
  table: AnalysisTable,
  editType: string,
  settings: AttributionSettings,
): DesignStudy {
  const indicator = table.columns[`edit:${editType}`];
  const cells = userPeriodPanel(table, indicator, settings.did.period);
  const primary: EffectEstimate = twfe(
    cells,
    cells.map((c) => c.treated),
    settings,
  );
  const pre = preTrend(cells, settings);
  return {
    treatment: editType,
    definition: `users' applications after vs before their resume carried '${editType}', against users who had not (yet) made it: two-way fixed effects of user and ${settings.did.period} over user × ${settings.did.period} interview rates, errors clustered by user (total effect on the users who made it, ATT)`,
    method: 'did',
    primary,
    naive: naiveDifference(
      { outcome: table.columns.reached_interview, treatment: indicator, covariates: {} },
      settings.causal,
    ),
    estimates: {
      did: primary.status === 'ok' ? primary.estimate : null,
      pre_trend: (pre.values.estimate as number | undefined) ?? null,
    },
    refutations: [pre],
    support: support(cells),
    notes: [],
    caveats: [],
    design: {
      unit: 'user',
      period: settings.did.period,
      cells: cells.length,
      pre_trend_periods: settings.did.pre_trend_periods,
    },
  };
}

/** One DiD per edit type of the table. */
export function didStudies(table: AnalysisTable, settings: AttributionSettings): DesignStudy[] {
  return table.edit_types.map((t) => didStudy(table, t, settings));
}
