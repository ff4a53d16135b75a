/**
 * @hirelearn/safeguards — pure safety checks for the learning engine:
 * calibration, distribution drift, concept-drift detectors, feedback-loop
 * stability, the experiment ethics gate and outlier scores.
 */
export * from './result';

export * from './calibration/brier';
export * from './calibration/log-loss';
export * from './calibration/reliability';
export * from './calibration/calibration-error';
export * from './calibration/auc';

export * from './drift/kolmogorov';
export * from './drift/ks-test';
export * from './drift/psi';
export * from './drift/chi-square';
export * from './drift/feature-drift';

export * from './detectors/page-hinkley';
export * from './detectors/adwin';

export * from './feedback/entropy';
export * from './feedback/trend';
export * from './feedback/exploration';
export * from './feedback/feedback-loop';

export * from './ethics/experiment-gate';

export * from './outliers/robust-z';
export * from './outliers/isolation-forest';

export * from './privacy';
