/** The statistics of `profile validate`: pure functions, each citing its method and tested on references. */

export { adjustBenjaminiHochberg } from './adjust.js';
export {
  type Better,
  type ChangeVerdict,
  type CompareOptions,
  type Comparison,
  compareSamples,
  decideVerdict,
  isRegressionBeyond,
  MIN_RUNS_TO_COMPARE,
} from './compare.js';
export { type Moments, moments } from './moments.js';
export {
  flagOutliers,
  HYPERFINE_THRESHOLD,
  IGLEWICZ_HOAGLIN_THRESHOLD,
  modifiedZScores,
  type OutlierOptions,
  type OutlierReport,
  type OutlierScale,
} from './outliers.js';
export { percentile } from './percentile.js';
export { type LinearFit, linearRegression } from './regression.js';
export { assertFiniteSample, sortAscending } from './samples.js';
export {
  fitScaling,
  labelExponent,
  type ScalingFit,
  type ScalingLabel,
  type ScalingOptions,
  type ScalingPoint,
} from './scaling.js';
export { meanConfidenceInterval, type Summary, summarize } from './summary.js';
export { evaluateTarget, type TargetBound, type TargetVerdict, warnBound } from './targets.js';
export { welchPValue } from './welch.js';
