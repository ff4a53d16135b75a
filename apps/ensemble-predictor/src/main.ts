/**
 * The ensemble predictor: serves hirelearn.v1.InterviewPredictor (PredictInterview) and the
 * Open Inference Protocol calls for the ensemble version in production, switching versions
 * on the registry's Watch; every prediction is logged to the document store.
 * Prints one line with the address it listens on.
 */
import { runService } from '@hirelearn/rpc';
import { serveEnsemblePredictor } from '@hirelearn/services';
import { settings } from './settings';

runService('ensemble-predictor', () => serveEnsemblePredictor(settings));
