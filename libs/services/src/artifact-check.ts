import { coldStartInsights, dayOneFeatures, OnnxScorer } from '@hirelearn/ml';
import type { ArtifactCheck } from '@hirelearn/registry';
import { COLD_START_MODEL, parseColdStart } from './cold-start-service';
import { ENSEMBLE_MODEL } from './ensemble-service';
import { fitInterviewProbability } from './fit-probability';
import { FIT_SCORE_MODEL, parseFitWeights } from './fit-score-service';
import { loadServableEnsemble, predictServable } from './servable-ensemble';

/** One application with every feature at a typical value: the probe a loaded model must answer. */
const PROBE = Object.freeze({
  fit_technical: 50,
  fit_seniority: 50,
  fit_experience: 50,
  fit_signal: 50,
  category: 'target',
  resume_score: 60,
  tailoring_applied: false,
  job_seniority: 'mid',
  user_seniority: 'mid',
  strategy_mode: 'BALANCED',
});

const finite = (p: number, what: string): void => {
  if (!(p >= 0 && p <= 1)) throw new TypeError(`${what} answered ${p}, not a probability`);
};

/**
 * Refuses an artifact the services could not serve, at registration: it is loaded with the
 * very loader the service uses (the ensemble's parser and its onnxruntime session, the fit
 * weights' parser, the cold-start model's) and must answer a probe with a probability. Other
 * models are checked by format: ONNX must open in onnxruntime, JSON parameters must parse.
 * Before this, a junk version could be registered and promoted, and the service kept serving
 * the old one.
 */
export const loadableArtifact: ArtifactCheck = async ({ model, format, content }) => {
  const bytes = Buffer.from(content);
  if (model === ENSEMBLE_MODEL) {
    const servable = await loadServableEnsemble(bytes, true);
    try {
      const [p] = await predictServable(servable, [PROBE]);
      finite(p.probability, 'the ensemble');
    } finally {
      await servable.onnx?.scorer.release();
    }
    return;
  }
  if (model === FIT_SCORE_MODEL) {
    const artifact = parseFitWeights(bytes);
    const p = fitInterviewProbability(artifact, {
      components: { technical: 50, seniority: 50, experience: 50, signal: 50 },
      category: 'target',
      seniority_match: true,
      tailoring_applied: false,
      resume_score: 60,
      strategy_mode: 'BALANCED',
    });
    finite(p, 'the fit weights');
    return;
  }
  if (model === COLD_START_MODEL) {
    // A user of whom nothing is known yet: every part of the model answers (segment, network).
    const nothing = dayOneFeatures(null);
    if (nothing.status !== 'ok') throw new TypeError(nothing.reason);
    const insights = coldStartInsights(parseColdStart(bytes), nothing.features);
    finite(insights.expected_interview_rate.estimate, 'the cold-start model');
    return;
  }
  if (format === 'onnx') {
    await (await OnnxScorer.create(bytes)).release();
    return;
  }
  JSON.parse(bytes.toString('utf8'));
};
