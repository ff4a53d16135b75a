import { learningEngineSettings, type LearningEngineSettings } from '@hirelearn/experiments';

/** The learning engine's settings, read from the environment once at start. */
export const settings: LearningEngineSettings = learningEngineSettings(process.env);
