import { DEFAULT_ENSEMBLE_PORT, modelServiceSettings } from '@hirelearn/services';

/** Read from the environment once (HIRELEARN_REGISTRY_ADDRESS, HIRELEARN_DOCUMENTS, HIRELEARN_ENSEMBLE_PORT, ...). */
export const settings = modelServiceSettings(
  process.env,
  'HIRELEARN_ENSEMBLE_PORT',
  DEFAULT_ENSEMBLE_PORT,
);
