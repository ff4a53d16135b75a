/**
 * The pipeline model → identify → estimate → refute for one causal question, and grading
 * over a family of questions (q-values need the whole family).
 *
 *   analyzeEffect: identification; propensity, overlap and IPW balance; AIPW (primary, ATE),
 *     Hajek IPW (ATE, ATT), PS matching (ATT), naive difference, and 2SLS when instruments
 *     exist; refuters run on the primary estimate (E-value when the outcome is 0/1, with the
 *     control-arm mean as baseline risk).
 *   gradeAnalyses: BH q-values over the primaries, then `gradeEffect` for each.
 */
import { aipw } from './aipw';
import { balanceTable, BalanceTable } from './balance';
import { checkData } from './data';
import { failedEffect } from './effect';
import { deepFreeze } from './freeze';
import { ConfidenceGrade, DEFAULT_GRADING_SETTINGS, gradeFamily, GradingSettings } from './grading';
import { CausalQuestion, identify, Identification } from './identify';
import { ipw, ipwWeights } from './ipw';
import { iv2sls, IvEffect } from './iv';
import { psMatching } from './matching';
import { naiveDifference } from './naive';
import { checkOverlap, OverlapCheck } from './overlap';
import { transientPropensity } from './propensity';
import { refuteAll } from './refuters/refute';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './refuters/settings';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalData, EffectEstimate, IvData, Refutation } from './types';

export interface CausalAnalysis {
  readonly treatment_name: string;
  readonly outcome_name: string;
  readonly identification: Identification;
  readonly overlap: OverlapCheck | null;
  readonly balance: BalanceTable | null;
  /** The estimate refuted and graded (AIPW for a binary treatment, else 2SLS). */
  readonly primary: EffectEstimate;
  readonly estimates: readonly EffectEstimate[];
  readonly iv: IvEffect | null;
  readonly refutations: readonly Refutation[];
}

export interface GradedAnalysis extends CausalAnalysis {
  readonly grade: ConfidenceGrade;
}

export interface AnalyzeOptions {
  readonly settings?: CausalSettings;
  readonly refuters?: RefuterSettings;
  /**
   * false: no refuters (`refutations` empty), for a caller that refutes another primary itself
   * and keeps only these estimates (libs/attribution's within-user analysis). Default true.
   */
  readonly refute?: boolean;
}

interface Branch {
  readonly overlap: OverlapCheck | null;
  readonly balance: BalanceTable | null;
  readonly primary: EffectEstimate;
  readonly estimates: readonly EffectEstimate[];
  readonly estimator: (d: CausalData) => EffectEstimate;
}

/** Backdoor adjustment for a binary treatment: diagnostics, AIPW as primary, the others beside it. */
function adjustment(data: CausalData, s: CausalSettings): Branch {
  // Not frozen: the model stays inside this analysis (transientPropensity says why).
  const model = transientPropensity(data, s);
  const ok = model.status === 'ok';
  // The refuters' refits (a subset, an extra covariate, a permuted treatment) start IRLS from
  // this fit: same maximum, a third of the steps.
  const estimator = (d: CausalData): EffectEstimate => aipw(d, s, transientPropensity(d, s, model));
  // One propensity fit shared by every estimator on the full data (a failed fit is passed
  // too: each estimator reports its status).
  const primary = aipw(data, s, model);
  return {
    overlap: ok ? checkOverlap(model.scores, data.treatment, s) : null,
    balance: ok ? balanceTable(data, ipwWeights(model.scores, data.treatment, 'ATE')) : null,
    primary,
    estimates: [
      primary,
      ipw(data, 'ATE', s, model),
      ipw(data, 'ATT', s, model),
      psMatching(data, s, model),
      naiveDifference(data, s),
    ],
    estimator,
  };
}

/** Instrumental variables only (continuous treatment): 2SLS is the primary estimate. */
function instrumentsOnly(data: IvData, iv: IvEffect | null, s: CausalSettings): Branch {
  const primary: EffectEstimate =
    iv ??
    failedEffect(
      'iv_2sls',
      'LATE',
      {
        ...checkData(data, false, s.min_per_arm),
        status: 'invalid_input',
        reasons: ['a continuous treatment needs an instrument: no identification strategy applies'],
      },
      s.alpha,
    );
  return {
    overlap: null,
    balance: null,
    primary,
    estimates: [primary],
    estimator: (d) => iv2sls({ ...d, instruments: data.instruments }, s),
  };
}

/** Runs identification, every applicable estimator and the refuters for one question. */
export function analyzeEffect(
  question: CausalQuestion,
  options: AnalyzeOptions = {},
): CausalAnalysis {
  const s = options.settings ?? DEFAULT_CAUSAL_SETTINGS;
  const rs = options.refuters ?? DEFAULT_REFUTER_SETTINGS;
  const data = question.data;
  const identification = identify(question);
  const ivData: IvData = { ...data, instruments: question.instruments ?? {} };
  const iv = identification.strategies.includes('iv') ? iv2sls(ivData, s) : null;
  const branch = identification.binary_treatment
    ? adjustment(data, s)
    : instrumentsOnly(ivData, iv, s);
  const estimates =
    identification.binary_treatment && iv !== null ? [...branch.estimates, iv] : branch.estimates;
  const primary = branch.primary;
  const binaryOutcome = data.outcome.every((v) => v === 0 || v === 1);
  const controls = data.outcome.filter((_, i) => data.treatment[i] === 0);
  const baseline = controls.reduce((a, b) => a + b, 0) / controls.length;
  const refutations =
    primary.status === 'ok' && options.refute !== false
      ? refuteAll(ivData, branch.estimator, primary, {
          settings: rs,
          ...(binaryOutcome && identification.binary_treatment ? { baseline_risk: baseline } : {}),
        })
      : [];
  return deepFreeze({
    treatment_name: question.treatment_name,
    outcome_name: question.outcome_name,
    identification,
    overlap: branch.overlap,
    balance: branch.balance,
    primary,
    estimates,
    iv,
    refutations,
  });
}

/** Fills q-values over the family's primary estimates, then grades each analysis (`gradeFamily`). */
export function gradeAnalyses(
  analyses: readonly CausalAnalysis[],
  settings: GradingSettings = DEFAULT_GRADING_SETTINGS,
): GradedAnalysis[] {
  return gradeFamily(analyses, [], settings).analyses;
}
