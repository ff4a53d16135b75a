import { suppressSmallCells } from '@hirelearn/safeguards';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { protectedGroupOutcomes } from './fairness-queries';
import { type SqlSource } from '@hirelearn/store';

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

/** Runs the audit over the applications of users who declared protected attributes. */
export async function fairnessAudit(
  db: SqlSource,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<FairnessAudit> {
  const rows = await protectedGroupOutcomes(db);
  const shown = suppressSmallCells(rows, (r) => r.user_count, settings.k);
  // Rates are per application (the Wilson interval ignores clustering by user): a screen.
  const cells = shown.cells.map((r) => ({
    attribute: r.attribute,
    group: r.group,
    user_count: r.user_count,
    interview_rate: rateOf(r.interviews, r.applications, settings.alpha),
    offer_rate: rateOf(r.offers, r.applications, settings.alpha),
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
