/**
 * The cold-start embedder's service: serves hirelearn.v1.ColdStart (Embed, SimilarUsers,
 * Insights, NextQuestion: a new user's day-one insights and the next onboarding question)
 * and the Open Inference Protocol calls with the cold-start model in production, switching
 * on the registry's Watch; every Insights answer is logged for the drift monitor. The model
 * is trained by `hirelearn models train cold-start`; the first edits it advises are the
 * edit effects of the newest attribution the nightly stored.
 * Prints one line with the address it listens on.
 */
import { loadAttribution } from '@hirelearn/nightly';
import { runService } from '@hirelearn/rpc';
import { serveColdStartEmbedder } from '@hirelearn/services';
import { settings } from './settings';

// The first edits come from the effects of the newest attribution the nightly stored.
runService('cold-start-embedder', () =>
  serveColdStartEmbedder(settings, async (docs) => (await loadAttribution(docs))?.effects ?? []),
);
