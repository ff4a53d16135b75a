/**
 * Features of an application, read from one row of the `applications` facts table (plus
 * the applicant's seniority at the time). Protected attributes never enter: the row type has
 * no field for them, so a model cannot learn from them by accident.
 */

/** The fields of an application fact the models read. Extra fields are ignored. */
export interface ApplicationFeatures {
  readonly fit_technical: number | null;
  readonly fit_seniority: number | null;
  readonly fit_experience: number | null;
  readonly fit_signal: number | null;
  readonly category: string | null;
  readonly resume_score: number | null;
  readonly tailoring_applied: boolean | null;
  readonly job_seniority?: string | null;
  /** The applicant's profile seniority when they applied (from the `users` facts). */
  readonly user_seniority?: string | null;
  readonly strategy_mode?: string | null;
}

/** A labelled application: the outcome the models learn is "ever reached interview". */
export interface LabelledApplication extends ApplicationFeatures {
  readonly application_id: string;
  readonly user_id: string;
  /** The job applied to (an identifier, never a feature). */
  readonly job_id?: string | null;
  readonly reached_interview: boolean;
}

/** The fit components in the order the fit-score weights use. */
export const FIT_COMPONENTS = ['technical', 'seniority', 'experience', 'signal'] as const;
export type FitComponent = (typeof FIT_COMPONENTS)[number];

/**
 * What the encoder learned from training rows: the category vocabulary and the means and
 * standard deviations used to standardize numeric columns (so ridge penalties and network
 * initializers see comparable scales). Plain JSON; part of every model artifact.
 */
export interface FeatureEncoder {
  readonly version: 1;
  readonly numeric: readonly string[];
  readonly means: readonly number[];
  readonly sds: readonly number[];
  readonly categories: readonly string[];
  /** Column names of the encoded vector, in order. */
  readonly names: readonly string[];
}

const NUMERIC = [
  'fit_technical',
  'fit_seniority',
  'fit_experience',
  'fit_signal',
  'resume_score',
] as const;

/** Fills a missing numeric value with the training mean (standardized 0). */
function numericValues(row: ApplicationFeatures): (number | null)[] {
  return NUMERIC.map((k) => {
    const v = row[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  });
}

/** 1 when the applicant's seniority equals the job's, 0 otherwise or when either is unknown. */
export function seniorityMatch(row: ApplicationFeatures): number {
  const u = row.user_seniority;
  const j = row.job_seniority;
  return u && j && u.toLowerCase() === j.toLowerCase() ? 1 : 0;
}

/** Learns the encoder from training rows (categories sorted for a stable column order). */
export function fitEncoder(rows: readonly ApplicationFeatures[]): FeatureEncoder {
  const sums = NUMERIC.map(() => 0);
  const sq = NUMERIC.map(() => 0);
  const counts = NUMERIC.map(() => 0);
  const cats = new Set<string>();
  for (const row of rows) {
    numericValues(row).forEach((v, j) => {
      if (v === null) return;
      sums[j] += v;
      sq[j] += v * v;
      counts[j] += 1;
    });
    if (row.category) cats.add(row.category);
  }
  const means = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : 0));
  const sds = sq.map((s, j) => {
    const n = counts[j];
    const v = n > 1 ? (s - n * means[j] * means[j]) / (n - 1) : 0;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const categories = [...cats].sort();
  const names = [
    ...NUMERIC,
    'tailoring_applied',
    'seniority_match',
    'strategy_not_improve_first',
    ...categories.map((c) => `category=${c}`),
  ];
  return Object.freeze({
    version: 1,
    numeric: [...NUMERIC],
    means,
    sds,
    categories,
    names,
  });
}

/** Encodes one application as the numeric vector the models take (no intercept column). */
export function encode(encoder: FeatureEncoder, row: ApplicationFeatures): number[] {
  const out: number[] = numericValues(row).map((v, j) =>
    v === null ? 0 : (v - encoder.means[j]) / encoder.sds[j],
  );
  out.push(row.tailoring_applied ? 1 : 0);
  out.push(seniorityMatch(row));
  out.push(row.strategy_mode && row.strategy_mode !== 'IMPROVE_RESUME_FIRST' ? 1 : 0);
  for (const c of encoder.categories) out.push(row.category === c ? 1 : 0);
  return out;
}

/** Encodes many rows. */
export function encodeAll(
  encoder: FeatureEncoder,
  rows: readonly ApplicationFeatures[],
): number[][] {
  return rows.map((r) => encode(encoder, r));
}
