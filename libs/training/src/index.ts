// The public API of @hirelearn/training: training runs from the facts and the readers of
// their data. Internals (the settings hash, the metric flattening) stay private.
export {
  TRAINABLE_MODELS,
  type TrainableModel,
  type TrainingRun,
  type TrainingFailure,
  trainModel,
  registerRun,
} from './training';
export { loadLabelledApplications, loadApplications } from './training-queries';
export { type ColdStartDataOptions, loadColdStartUsers } from './cold-start-data';
