import { suppressSmallCells } from '@hirelearn/safeguards';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** One group of one protected attribute, with its outcome rates. */
export interface FairnessGroup {
  readonly attribute: string;
  readonly group: string;
  readonly user_count: number;
  readonly interview_rate: Rate;
  readonly offer_rate: Rate;
  /** Interview rate over the best group's interview rate. */
  readonly impact_ratio: number | null;
  /** Below the four-fifths ratio. */
  readonly four_fifths_violation: boolean;
  /** The group's interval lies wholly below the best group's. */
  readonly ci_below_reference: boolean;
  /** Both: a disparity unlikely to be noise and large enough to matter. */
  readonly disparity: boolean;
}

/** The fairness audit (10.2): outcome rates by protected attribute, disparities flagged. */
export interface FairnessAudit {
  readonly status: 'ok' | 'no_protected_attributes';
  readonly groups: readonly FairnessGroup[];
  readonly flagged: number;
  readonly four_fifths_ratio: number;
  readonly k: number;
  readonly suppressed_cells: number;
}

/**
 * Per attribute and group (the user's latest declared value), applications pooled. Rates are
 * per application, so users with many applications weigh more and the Wilson interval is
 * narrower than a user-clustered one: the CI rule is a screen, not a test.
 */
const SQL = `
  WITH pa AS (
    SELECT DISTINCT ON (user_id) user_id, attributes FROM user_protected_attributes
    WHERE user_id NOT IN (${OPTED_OUT_USERS}) ORDER BY user_id, valid_from DESC),
  kv AS (
    SELECT user_id, key AS attribute, json_extract_string(attributes, '$."' || key || '"') AS grp
    FROM (SELECT user_id, attributes, unnest(json_keys(attributes)) AS key FROM pa))
  SELECT attribute, grp, count(DISTINCT kv.user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS interviews,
    count(*) FILTER (WHERE reached_offer)::INTEGER AS offers
  FROM kv JOIN applications a ON a.user_id = kv.user_id
  WHERE grp IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`;

/** Runs the audit over the applications of users who declared protected attributes. */
export async function fairnessAudit(
  db: SqlSource,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<FairnessAudit> {
  const rows = await db.rows(SQL);
  const shown = suppressSmallCells(rows, (r) => num(r.user_count), settings.k);
  const cells = shown.cells.map((r) => ({
    attribute: str(r.attribute),
    group: str(r.grp),
    user_count: num(r.user_count),
    interview_rate: rateOf(num(r.interviews), num(r.n), settings.alpha),
    offer_rate: rateOf(num(r.offers), num(r.n), settings.alpha),
  }));
  const groups = cells.map((c): FairnessGroup => {
    const peers = cells.filter((o) => o.attribute === c.attribute);
    const ref = peers.reduce(
      (b, o) => ((o.interview_rate.rate ?? 0) > (b.interview_rate.rate ?? 0) ? o : b),
      c,
    );
    const refRate = ref.interview_rate.rate ?? 0;
    const ratio =
      refRate > 0 && c.interview_rate.rate !== null ? c.interview_rate.rate / refRate : null;
    const fourFifths = ratio !== null && ratio < settings.four_fifths_ratio;
    const below = (c.interview_rate.upper ?? 1) < (ref.interview_rate.lower ?? 0);
    return Object.freeze({
      ...c,
      impact_ratio: ratio,
      four_fifths_violation: fourFifths,
      ci_below_reference: below,
      disparity: fourFifths && below,
    });
  });
  return Object.freeze({
    status: rows.length ? 'ok' : 'no_protected_attributes',
    groups: Object.freeze(groups),
    flagged: groups.filter((g) => g.disparity).length,
    four_fifths_ratio: settings.four_fifths_ratio,
    k: settings.k,
    suppressed_cells: shown.suppressed_cells,
  });
}
