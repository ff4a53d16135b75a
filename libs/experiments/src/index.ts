/**
 * @hirelearn/experiments: A/B tests of proposed changes, from design to gradual rollout.
 * Registry on the document store, GrowthBook assignment and feature JSON, analysis from
 * sufficient statistics (frequentist, CUPED, Bayesian, sequential, SRM), ramp and rollback.
 */
export * from './types';
export * from './settings';
export * from './stats/moments';
export * from './stats/frequentist';
export * from './stats/bayesian';
export * from './stats/cuped';
export * from './stats/srm';
export * from './stats/sequential';
export * from './stats/power';
export * from './stats/aa-peeking';
export * from './assignment/feature-json';
export * from './assignment/assigner';
export * from './assignment/opt-outs';
export * from './assignment/opt-out-cache';
export * from './analysis/metrics';
export * from './analysis/results';
export * from './analysis/sufficient-stats';
export * from './analysis/analyze';
export * from './registry/documents';
export * from './registry/validate';
export * from './registry/registry';
export * from './rollout/should-auto-rollout';
export * from './rollout/ramp';
export * from './grpc/server';
export * from './grpc/service';
export * from './grpc/client';
