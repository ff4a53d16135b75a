/**
 * The treatments hirelearn studies on its own log, each with its indicator, its adjustment set
 * (only what was fixed before the treatment) and, for edits, the randomized suggestion as an
 * instrument.
 */
import type { AnalysisTable } from './table';
import type { AttributionSettings } from './settings';
import { WEEKDAYS } from './vocabulary';

export type TreatmentFamily = 'edit' | 'tailoring' | 'weekday' | 'hour_band';

export interface TreatmentSpec {
  readonly name: string;
  readonly family: TreatmentFamily;
  /** How the indicator is computed, in words. */
  readonly definition: string;
  readonly indicator: readonly number[];
  readonly covariates: readonly string[];
  /** Column of the instrument (edits: the user was shown a suggestion of this edit type). */
  readonly instrument: string | null;
  /**
   * Compare the user with themselves, so a user-level habit (timing) cannot stand in for a
   * hidden trait: the primary estimate has user fixed effects (`withinUserAnalysis`); the
   * propensity estimates beside it adjust for the user's treated share (Mundlak 1978).
   */
  readonly within_user: boolean;
}

/** Fixed before any treatment studied here: profile, first resume score, job, earlier outcomes. */
export const BASELINE_COVARIATES = [
  'years_experience',
  'seniority',
  'education',
  'initial_score',
  'fit_technical',
  'fit_seniority',
  'fit_experience',
  'fit_signal',
  'category_reach',
  'category_safety',
  'job_seniority',
  'log_prior_apps',
  'prior_rate',
] as const;

/** Set by the resume version used: pre-treatment for tailoring and timing, not for edits. */
export const RESUME_COVARIATES = ['resume_score', 'mode_balanced', 'mode_aggressive'] as const;

const editColumn = (t: string) => `edit:${t}`;
export const suggestedColumn = (t: string) => `suggested:${t}`;

/** Every treatment of a run, in a stable order: edits, tailoring, weekdays, hour bands. */
export function treatmentSpecs(
  table: AnalysisTable,
  settings: AttributionSettings,
): TreatmentSpec[] {
  const c = table.columns;
  const edits = table.edit_types.map(editColumn);
  const specs: TreatmentSpec[] = table.edit_types.map((t) => ({
    name: t,
    family: 'edit',
    definition: `the resume version the application used carries '${t}' (some accepted rewrite at or before it lists it)`,
    indicator: c[editColumn(t)],
    covariates: [...BASELINE_COVARIATES],
    instrument: suggestedColumn(t),
    within_user: false,
  }));
  const afterResume = [...BASELINE_COVARIATES, ...RESUME_COVARIATES, ...edits];
  specs.push({
    name: 'tailoring_applied',
    family: 'tailoring',
    definition: 'APPLICATION_SUBMITTED.context.tailoring_applied is true',
    indicator: c.tailoring_applied,
    covariates: afterResume,
    instrument: null,
    within_user: false,
  });
  const timing = [...afterResume, 'tailoring_applied'];
  WEEKDAYS.forEach((day, i) => {
    specs.push({
      name: `applied_on_${day}`,
      family: 'weekday',
      definition: `submitted on a ${day[0].toUpperCase()}${day.slice(1)} (UTC), against every other day`,
      indicator: c.submit_weekday.map((d) => (d === i + 1 ? 1 : 0)),
      covariates: timing,
      instrument: null,
      within_user: true,
    });
  });
  for (const band of settings.hour_bands) {
    specs.push({
      name: `applied_in_${band.name}`,
      family: 'hour_band',
      definition: `submitted between ${band.from}:00 and ${band.to}:00 UTC, against every other hour`,
      indicator: c.submit_hour.map((h) => (h >= band.from && h < band.to ? 1 : 0)),
      covariates: timing,
      instrument: null,
      within_user: true,
    });
  }
  return specs;
}
