/**
 * The analysis of a timing treatment (weekday, hour band): a job seeker's weekday or hour is a
 * habit, and the habit goes with hidden traits (organised users favour Tuesday mornings and get
 * more interviews), so users must be compared with themselves. The primary estimate is
 * libs/causal's `withinUnitEffect` (user fixed effects, errors clustered by user), refuted with
 * the same refuters; the propensity-based estimates (AIPW with the user's treated share, IPW,
 * matching, naive) stay beside it in `estimates`, and the propensity's overlap and balance still
 * gate the grade. Why: on the simulated worlds the Mundlak share inside logistic models left
 * about 2 points of bias on the morning band in some seeds (libs/attribution README).
 */
import {
  analyzeEffect,
  AnalyzeOptions,
  CausalAnalysis,
  CausalData,
  CausalQuestion,
  DEFAULT_CAUSAL_SETTINGS,
  DEFAULT_REFUTER_SETTINGS,
  refuteAll,
  withinUnitEffect,
} from '@hirelearn/causal';

/** `analyzeEffect` with `withinUnitEffect` as the primary (refuted) estimate. */
export function withinUserAnalysis(
  question: CausalQuestion,
  options: AnalyzeOptions = {},
): CausalAnalysis {
  const s = options.settings ?? DEFAULT_CAUSAL_SETTINGS;
  const rs = options.refuters ?? DEFAULT_REFUTER_SETTINGS;
  // The refuters run once, on the primary: the propensity analysis's would be discarded.
  const beside = analyzeEffect(question, { settings: s, refute: false });
  const data = question.data;
  const primary = withinUnitEffect(data, s);
  const binaryOutcome = data.outcome.every((v) => v === 0 || v === 1);
  let controls = 0;
  let controlSum = 0;
  data.treatment.forEach((t, i) => {
    if (t === 0) {
      controls++;
      controlSum += data.outcome[i];
    }
  });
  const refutations =
    primary.status === 'ok'
      ? refuteAll(data, (d: CausalData) => withinUnitEffect(d, s), primary, {
          settings: rs,
          ...(binaryOutcome ? { baseline_risk: controlSum / controls } : {}),
        })
      : [];
  return Object.freeze({
    ...beside,
    primary,
    estimates: Object.freeze([primary, ...beside.estimates]),
    refutations,
  });
}
