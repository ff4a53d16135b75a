/** @hirelearn/sim — a simulated job-search world with planted causal truths. */
export { defaultSimSettings } from './settings';
export type {
  SimSettings,
  SimSettingsOverrides,
  FitWeights,
  EditEffect,
  BehaviourChange,
} from './settings';
export { simulateWorld } from './simulate-world';
export type { SimWorld } from './simulate-world';
export { writeWorld } from './write-world';
export type { WrittenWorld } from './write-world';
export type { SimTruth, TreatmentTruth, InstrumentTruth, HiddenUserTruth } from './truth';
export type { EffectTruth, TreatmentName } from './effects';
export type { ApplicationTruth } from './journey';
export { BAD_KINDS, BAD_EXPECTATIONS } from './bad-events';
export type { BadKind, BadEventTruth } from './bad-events';
export { interviewProbability, strategyModeFor, reportedFitScore } from './outcome-model';
export type { ApplicationState, FitComponents } from './outcome-model';
export { EDIT_TYPES, ROLES, STRATEGY_MODES } from './vocabulary';
export type { EditType, Role, StrategyMode } from './vocabulary';
