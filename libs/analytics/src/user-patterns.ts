import { rateOf, shrunkRate, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import {
  applicationsByDimension,
  editOutcomes,
  segmentApplications,
  suggestionAnswers,
  type ApplicationDimension,
  type DimensionCell,
} from './user-patterns-queries';
import { type SqlSource } from '@hirelearn/store';

/** One value of one dimension of a user's applications, with its interview rate. */
export interface PatternCell {
  readonly value: string;
  readonly interview_rate: Rate;
  /** Pulled toward the segment's rate; what the ranking uses. */
  readonly shrunk_rate: number;
  /** n >= min_sample: may be called best or worst. */
  readonly eligible: boolean;
}

/** The cells of one dimension, best first, and the best eligible one (if any). */
export interface PatternDimension {
  readonly cells: readonly PatternCell[];
  readonly best: string | null;
}

export interface SuggestionPattern {
  readonly edit_type: string;
  readonly acceptance_rate: Rate;
  readonly edited: number;
  readonly rejected: number;
}

/** Timing is observational: organised users both apply on Tuesday mornings and do well. */
export interface TimingPattern {
  readonly by_weekday: PatternDimension;
  readonly by_hour_band: PatternDimension;
  readonly interpretation: 'correlation';
  readonly causal_check: string;
}

/**
 * An edit type the user made: how often, and the interview rate of their applications sent
 * with a resume carrying it against those without. Correlation within one user (later
 * versions meet a different market): the attribution is the causal check.
 */
export interface EditPattern {
  readonly edit_type: string;
  /** Accepted rewrites that made it. */
  readonly times: number;
  readonly interview_rate_with: Rate;
  readonly interview_rate_without: Rate;
}

/** The spec's `UserPatterns`: what has worked for this user so far, sample sizes attached. */
export interface UserPatterns {
  readonly status: 'ok' | 'no_applications';
  readonly user_id: string;
  readonly segment: { readonly seniority: string | null; readonly interview_rate: Rate };
  readonly min_sample: number;
  readonly best_roles: PatternDimension;
  readonly best_locations: PatternDimension;
  readonly best_company_sizes: PatternDimension;
  readonly best_company_stages: PatternDimension;
  readonly best_seniority: PatternDimension;
  readonly timing: TimingPattern;
  readonly best_resume_version: PatternDimension;
  /**
   * By the part of the resume the application's version rewrote (RESUME_REWRITTEN.rewrite_type:
   * bullet, summary, section; 'original' for a version no rewrite made).
   */
  readonly best_performing_sections: PatternDimension;
  readonly typical_edit_patterns: readonly EditPattern[];
  readonly acceptance_patterns: readonly SuggestionPattern[];
  readonly rejection_reasons: Readonly<Record<string, number>>;
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function dimension(
  rows: readonly DimensionCell[],
  name: ApplicationDimension,
  prior: number,
  s: AnalyticsSettings,
  label: (v: string) => string = (v) => v,
): PatternDimension {
  const cells = rows
    .filter((r) => r.dimension === name)
    .map((r): PatternCell =>
      Object.freeze({
        value: label(r.value),
        interview_rate: rateOf(r.x, r.n, s.alpha),
        shrunk_rate: shrunkRate(r.x, r.n, prior, s.prior_strength),
        eligible: r.n >= s.min_sample,
      }),
    )
    .sort(
      (a, b) =>
        b.shrunk_rate - a.shrunk_rate ||
        b.interview_rate.n - a.interview_rate.n ||
        a.value.localeCompare(b.value),
    );
  const best = cells.find((c) => c.eligible);
  return Object.freeze({ cells: Object.freeze(cells), best: best ? best.value : null });
}

/** One user's `UserPatterns` over their whole history. */
export async function userPatterns(
  db: SqlSource,
  userId: string,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPatterns> {
  const rows = await applicationsByDimension(db, userId);
  const seg = await segmentApplications(db, userId);
  const suggestions = await suggestionAnswers(db, userId);
  const edits = await editOutcomes(db, userId);
  const segmentRate = rateOf(seg.x, seg.n, settings.alpha);
  const prior = segmentRate.rate ?? 0;
  const dim = (name: ApplicationDimension, label?: (v: string) => string) =>
    dimension(rows, name, prior, settings, label);
  const reasons: Record<string, number> = {};
  for (const s of suggestions) {
    for (const r of s.rejection_reasons) {
      const key = r ?? 'unspecified';
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
  }
  const total = rows.filter((r) => r.dimension === 'role').reduce((t, r) => t + r.n, 0);
  return Object.freeze({
    status: total > 0 ? 'ok' : 'no_applications',
    user_id: userId,
    segment: Object.freeze({
      seniority: seg.seniority,
      interview_rate: segmentRate,
    }),
    min_sample: settings.min_sample,
    best_roles: dim('role'),
    best_locations: dim('location'),
    best_company_sizes: dim('company_size'),
    best_company_stages: dim('company_stage'),
    best_seniority: dim('seniority'),
    timing: Object.freeze({
      by_weekday: dim('weekday', (v) => WEEKDAYS[Number(v)] ?? v),
      by_hour_band: dim('hour_band'),
      interpretation: 'correlation' as const,
      causal_check:
        'timing is confounded (organised users favour Tuesday mornings); see the causal verdict for submitted_on_tuesday / submitted_in_morning before acting on it',
    }),
    best_resume_version: dim('resume_version'),
    best_performing_sections: dim('section'),
    typical_edit_patterns: Object.freeze(
      edits.map((e) =>
        Object.freeze({
          edit_type: e.edit_type,
          times: e.times,
          interview_rate_with: rateOf(e.x_with, e.n_with, settings.alpha),
          interview_rate_without: rateOf(e.x_without, e.n_without, settings.alpha),
        }),
      ),
    ),
    acceptance_patterns: Object.freeze(
      suggestions.map((s) =>
        Object.freeze({
          edit_type: s.edit_type,
          acceptance_rate: rateOf(s.accepted, s.n, settings.alpha),
          edited: s.edited,
          rejected: s.rejected,
        }),
      ),
    ),
    rejection_reasons: Object.freeze(reasons),
  });
}
