/**
 * The cold-start embedder's service: serves hirelearn.v1.ColdStart (Embed, SimilarUsers,
 * Insights, NextQuestion: a new user's day-one insights and the next onboarding question)
 * and the Open Inference Protocol calls with the cold-start model in production, switching
 * on the registry's Watch; every Insights answer is logged for the drift monitor. The model
 * is trained by `hirelearn models train cold-start`.
 * Prints one line with the address it listens on.
 */
import { runService } from '@hirelearn/proto';
import { serveColdStartEmbedder } from '@hirelearn/services';
import { settings } from './settings';

runService('cold-start-embedder', () => serveColdStartEmbedder(settings));
