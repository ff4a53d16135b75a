import { requireInteger, requireOpenInterval } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';
import { chiSquareTest, countCategories, countOf } from './chi-square';
import { sortedNumbers } from '../internal/describe';
import { ksTwoSample } from './ks-test';
import { PSI_MODERATE, type PsiSeverity, populationStabilityIndex, psiFromCounts } from './psi';

/**
 * A feature column: numeric values (an array or a Float64Array; an ascending Float64Array,
 * e.g. a training reference sorted once, is not sorted again), or category labels.
 */
export type FeatureColumn = readonly number[] | Float64Array | readonly string[];
export type FeatureColumns = Readonly<Record<string, FeatureColumn>>;

export interface FeatureDriftSettings {
  /** Family-wise significance level, Bonferroni-split across features (default 0.05). */
  readonly alpha?: number;
  /** Minimum PSI for a flag, so large samples do not flag negligible shifts (default 0.1). */
  readonly min_psi?: number;
  /** Reference-quantile bins for numeric PSI (default 10). */
  readonly psi_bins?: number;
}

export interface FeatureDriftOk {
  readonly status: 'ok';
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  /** KS for numeric features, chi-square homogeneity for categorical ones. */
  readonly test: 'ks' | 'chi_square';
  readonly statistic: number;
  readonly p_value: number;
  readonly psi: number;
  readonly psi_severity: PsiSeverity;
  readonly drifted: boolean;
}

export type FeatureDriftEntry = FeatureDriftOk | (Degenerate & { readonly feature: string });

export interface FeatureDriftReport {
  readonly status: 'ok';
  readonly alpha: number;
  /** alpha / number of reference features (Bonferroni). */
  readonly per_feature_alpha: number;
  readonly min_psi: number;
  /** One entry per reference feature, in sorted feature-name order. */
  readonly features: readonly FeatureDriftEntry[];
  /** Names of the features flagged as drifted. */
  readonly drifted: readonly string[];
}

/**
 * Per-feature drift report. For each reference feature: numeric columns get the two-sample
 * KS test and PSI on reference-decile bins; string columns get the chi-square homogeneity
 * test and PSI over the union of categories. Flag rule (documented, both must hold):
 *   p_value < alpha / F   (Bonferroni over F features: significant, not noise), and
 *   PSI ≥ min_psi         (a shift big enough to matter, not just a huge sample).
 * Features missing or empty on either side, or mixing numbers and strings, get a
 * degenerate entry and are never flagged.
 */
export function featureDriftReport(
  reference: FeatureColumns,
  current: FeatureColumns,
  settings: FeatureDriftSettings = {},
): FeatureDriftReport | Degenerate {
  const alpha = settings.alpha ?? 0.05;
  const minPsi = settings.min_psi ?? PSI_MODERATE;
  const bins = settings.psi_bins ?? 10;
  requireOpenInterval('alpha', alpha, 0, 1);
  requireInteger('psi_bins', bins, 2);
  if (!(minPsi >= 0)) throw new RangeError(`min_psi must be >= 0, got ${minPsi}`);
  const names = Object.keys(reference).sort();
  if (names.length === 0) return degenerate('empty_input', 'no reference features');
  const perFeatureAlpha = alpha / names.length;
  const features = names.map((name) =>
    compareFeature(
      name,
      reference[name],
      Object.hasOwn(current, name) ? current[name] : undefined,
      perFeatureAlpha,
      minPsi,
      bins,
    ),
  );
  return {
    status: 'ok',
    alpha,
    per_feature_alpha: perFeatureAlpha,
    min_psi: minPsi,
    features,
    drifted: features.filter((f) => f.status === 'ok' && f.drifted).map((f) => f.feature),
  };
}

function compareFeature(
  feature: string,
  ref: FeatureColumn,
  cur: FeatureColumn | undefined,
  alpha: number,
  minPsi: number,
  bins: number,
): FeatureDriftEntry {
  const fail = (d: Degenerate): FeatureDriftEntry => ({ ...d, feature });
  if (cur === undefined) return fail(degenerate('empty_input', 'feature missing from current'));
  if (ref.length === 0 || cur.length === 0) {
    return fail(degenerate('empty_input', 'empty column'));
  }
  const numeric = isNumeric(ref) && isNumeric(cur);
  const categorical = isStrings(ref) && isStrings(cur);
  if (numeric) {
    // Each side sorted once, for both tests.
    const r = sortedNumbers(ref);
    const c = sortedNumbers(cur);
    const ks = ksTwoSample(r, c);
    const psi = populationStabilityIndex(r, c, { bins });
    if (ks.status !== 'ok') return fail(ks);
    if (psi.status !== 'ok') return fail(psi);
    return ok(feature, 'numeric', 'ks', ks.statistic, ks.p_value, psi.psi, psi.severity);
  }
  if (categorical) {
    const r = countCategories(ref);
    const c = countCategories(cur);
    const chi = chiSquareTest(r, c);
    if (chi.status !== 'ok') return fail(chi);
    const psi = psiFromCounts(
      chi.categories.map((k) => countOf(r, k)),
      chi.categories.map((k) => countOf(c, k)),
    );
    if (psi.status !== 'ok') return fail(psi);
    return ok(
      feature,
      'categorical',
      'chi_square',
      chi.statistic,
      chi.p_value,
      psi.psi,
      psi.severity,
    );
  }
  return fail(degenerate('invalid_value', 'columns must be all numbers or all strings'));

  function ok(
    name: string,
    kind: FeatureDriftOk['kind'],
    test: FeatureDriftOk['test'],
    statistic: number,
    p: number,
    psi: number,
    severity: PsiSeverity,
  ): FeatureDriftOk {
    return {
      status: 'ok',
      feature: name,
      kind,
      test,
      statistic,
      p_value: p,
      psi,
      psi_severity: severity,
      drifted: p < alpha && psi >= minPsi,
    };
  }
}

function isNumeric(col: FeatureColumn): col is readonly number[] | Float64Array {
  return (
    col instanceof Float64Array || (col as readonly unknown[]).every((v) => typeof v === 'number')
  );
}

function isStrings(col: FeatureColumn): col is readonly string[] {
  return (
    !(col instanceof Float64Array) &&
    (col as readonly unknown[]).every((v) => typeof v === 'string')
  );
}
