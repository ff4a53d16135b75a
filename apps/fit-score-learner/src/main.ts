/**
 * The fit-score learner's service: serves hirelearn.v1.FitScorer (ScoreFit) and the Open
 * Inference Protocol calls with the fit weights in production, switching on the registry's
 * Watch. The weights are learned by `hirelearn models train fit-score`.
 * Prints one line with the address it listens on.
 */
import { runService } from '@hirelearn/rpc';
import { serveFitScoreLearner } from '@hirelearn/services';
import { settings } from './settings';

runService('fit-score-learner', () => serveFitScoreLearner(settings));
