/**
 * @hirelearn/stats — pure statistics: regression, tests, intervals, seeded RNG.
 * The public API only: what other libs use and what README.md documents. Helpers behind it
 * (design packing internals, solver tolerances) stay internal; specs here import by path.
 */

// Results and input errors: every estimator reports `status` + `reason`; misuse throws.
export { StatsInputError, assertInput, allFinite, type StatusCode } from './status';

// Seeded randomness (xoshiro128**).
export {
  createRng,
  createRngFromState,
  hashSeed,
  shuffle,
  sampleWithoutReplacement,
  sampleWithReplacement,
  resampleIndices,
  type Rng,
} from './rng';

// Descriptive statistics.
export {
  sum,
  mean,
  variance,
  sd,
  weightedMean,
  weightedVariance,
  quantile,
  quantileSorted,
  median,
} from './descriptives';

// Distributions and special functions.
export {
  normalPdf,
  normalCdf,
  normalUpper,
  normalTwoSided,
  normalQuantile,
  tPdf,
  tCdf,
  tUpper,
  tTwoSided,
  tQuantile,
  chiSquarePdf,
  chiSquareCdf,
  chiSquareUpper,
  chiSquareQuantile,
  fPdf,
  fCdf,
  fUpper,
  fQuantile,
} from './distributions';
export { erfc, logGamma, logBeta, lowerRegGamma, upperRegGamma, regIncBeta } from './special';

// Regression: designs, least squares, OLS/WLS, logistic, and the linear algebra they share.
export { packDesign, designRows, checkDesignShape, type Design, type ColumnDesign } from './design';
export { leastSquaresQr, sandwich, scoreMeat, regressionOptions, type Rows } from './linalg';
export { normalSystem, solveNormal, linearPredictor } from './normal-equations';
export { ols, wls, withIntercept, type OlsOptions, type OlsResult } from './ols';
export { logistic, sigmoid, type LogisticOptions, type LogisticResult } from './logistic';

// Tests and intervals.
export { welchTTest, welchDf, type WelchResult } from './welch';
export {
  wilsonInterval,
  twoProportionZTest,
  type WilsonInterval,
  type TwoProportionResult,
} from './proportions';
export {
  chiSquareGoodnessOfFit,
  chiSquareContingency,
  type ChiSquareResult,
  type ContingencyResult,
} from './chisq';
export { benjaminiHochberg, bonferroni } from './multiple';
export { standardizedMeanDifference, weightedStandardizedMeanDifference } from './smd';
export { bootstrap, type BootstrapOptions, type BootstrapResult } from './bootstrap';
export { poolAdjacentViolators, isotonicFit } from './isotonic';
