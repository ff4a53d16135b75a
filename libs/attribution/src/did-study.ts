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

/** The user × period panel: one row per cell, each column the mean over its applications. */
export interface UserPeriodPanel {
  readonly user: readonly string[];
  readonly period: readonly string[];
  readonly means: Readonly<Record<string, readonly number[]>>;
}

/** Aggregates `columns` of the table by user × period (cells in order of first appearance). */
export function userPeriodPanel(
  table: AnalysisTable,
  columns: readonly string[],
  period: DidStudySettings['period'],
): UserPeriodPanel {
  const index = new Map<string, number>();
  const user: string[] = [];
  const periods: string[] = [];
  const count: number[] = [];
  const sums = columns.map(() => [] as number[]);
  const source = columns.map((c) => table.columns[c]);
  for (let i = 0; i < table.n; i++) {
    const p = periodOf(table.submitted_at[i], period);
    const key = `${table.user_ids[i]}\u0000${p}`;
    let k = index.get(key);
    if (k === undefined) {
      k = user.length;
      index.set(key, k);
      user.push(table.user_ids[i]);
      periods.push(p);
      count.push(0);
      for (const s of sums) s.push(0);
    }
    count[k] += 1;
    for (let j = 0; j < columns.length; j++) sums[j][k] += source[j][i];
  }
  const means: Record<string, number[]> = {};
  columns.forEach((c, j) => (means[c] = sums[j].map((v, k) => v / count[k])));
  return { user, period: periods, means };
}

/** Rows `rows` of the panel, the treatment `treated` and the covariates, through `didTwoWayFe`. */
function twfe(
  panel: UserPeriodPanel,
  rows: readonly number[],
  treated: readonly number[],
  covariates: readonly string[],
  s: AttributionSettings,
): EffectEstimate {
  const pick = <T>(col: readonly T[]) => rows.map((r) => col[r]);
  return didTwoWayFe(
    {
      outcome: pick(panel.means.reached_interview),
      treated,
      unit: pick(panel.user),
      time: pick(panel.period),
      covariates: Object.fromEntries(covariates.map((c) => [c, pick(panel.means[c])])),
    },
    s.causal,
  );
}

/**
 * The pre-trend test: on the untreated cells, a placebo treatment marks the `k` periods (of the
 * panel's calendar) just before each switcher's first treated period.
 */
function preTrend(
  panel: UserPeriodPanel,
  treated: readonly number[],
  covariates: readonly string[],
  s: AttributionSettings,
): RefutationSummary {
  const k = s.did.pre_trend_periods;
  const calendar = [...new Set(panel.period)].sort();
  const index = new Map(calendar.map((p, i) => [p, i]));
  const at = panel.period.map((p) => index.get(p) as number);
  const firstTreated = new Map<string, number>();
  treated.forEach((d, r) => {
    if (d === 0) return;
    const u = panel.user[r];
    firstTreated.set(u, Math.min(at[r], firstTreated.get(u) ?? Infinity));
  });
  const rows = treated.flatMap((d, r) => (d === 0 ? [r] : []));
  const lead = rows.map((r) => {
    const f = firstTreated.get(panel.user[r]);
    return f !== undefined && at[r] < f && at[r] >= f - k ? 1 : 0;
  });
  const e = twfe(panel, rows, lead, covariates, s);
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
function support(
  users: readonly string[],
  treated: readonly number[],
): { treated_users: number; control_users: number } {
  const before = new Set<string>();
  const after = new Set<string>();
  treated.forEach((d, r) => (d > 0 ? after : before).add(users[r]));
  let switchers = 0;
  for (const u of after) if (before.has(u)) switchers++;
  return { treated_users: switchers, control_users: before.size - switchers };
}

const editColumn = (t: string) => `edit:${t}`;

/** The DiD of one edit type (its column `edit:<type>` in the table). */
export function didStudy(
  table: AnalysisTable,
  editType: string,
  settings: AttributionSettings,
): DesignStudy {
  const d = settings.did;
  const column = editColumn(editType);
  const others = d.adjust_for_other_edits
    ? table.edit_types.filter((t) => t !== editType).map(editColumn)
    : [];
  const panel = userPeriodPanel(table, ['reached_interview', column, ...others], d.period);
  const treated = panel.means[column];
  const all = treated.map((_, r) => r);
  const primary = twfe(panel, all, treated, others, settings);
  const pre = preTrend(panel, treated, others, settings);
  const adjusted = others.length > 0 ? ', adjusted for the other edits carried' : '';
  return {
    treatment: editType,
    definition: `users' applications after vs before their resume carried '${editType}', against users who had not (yet) made it: two-way fixed effects of user and ${d.period} over user × ${d.period} interview rates${adjusted}, errors clustered by user (total effect on the users who made it, ATT)`,
    method: 'did',
    primary,
    naive: naiveDifference(
      {
        outcome: table.columns.reached_interview,
        treatment: table.columns[column],
        covariates: {},
      },
      settings.causal,
    ),
    estimates: {
      did: primary.status === 'ok' ? primary.estimate : null,
      pre_trend: (pre.values.estimate as number | undefined) ?? null,
    },
    refutations: [pre],
    support: support(panel.user, treated),
    notes: [],
    caveats: [],
    design: {
      unit: 'user',
      period: d.period,
      cells: all.length,
      pre_trend_periods: d.pre_trend_periods,
      adjusted_for_other_edits: others.length > 0,
    },
  };
}

/** One DiD per edit type of the table. */
export function didStudies(table: AnalysisTable, settings: AttributionSettings): DesignStudy[] {
  return table.edit_types.map((t) => didStudy(table, t, settings));
}
