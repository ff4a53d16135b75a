import { fitScore, FIT_COMPONENTS, type FitScoreArtifact, type FitWeights } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError, unary, type ServiceBinding } from '@hirelearn/rpc';
import { fitInterviewProbability } from './fit-probability';
import { describeServed, inferenceBinding } from './inference';
import type { PredictionLog } from './prediction-log';
import { checkComponents, checkNumber, REQUEST_RULES, type NumberRule } from './request-rules';
import { ServedModel, type RegistryView } from './served-model';

/** The registry model the fit-score learner serves. */
export const FIT_SCORE_MODEL = 'fit-score';

/** A fit score is computed from all four components: here none may be unknown. */
const REQUIRED_COMPONENT: NumberRule = Object.freeze({
  ...REQUEST_RULES.fit_component,
  optional: false,
});

/** The production fit weights, followed through the registry. */
export function servedFitWeights(registry: RegistryView): ServedModel<FitScoreArtifact> {
  return new ServedModel(FIT_SCORE_MODEL, registry, parseFitWeights);
}

/** A fit-weights artifact as the fit-score learner loads it. */
export function parseFitWeights(content: Buffer): FitScoreArtifact {
  const a = JSON.parse(content.toString('utf8')) as FitScoreArtifact;
  if (a?.format !== 'hirelearn.fit-weights/v1') {
    throw new TypeError(`not a fit-weights artifact: ${String(a?.format)}`);
  }
  for (const k of FIT_COMPONENTS) {
    if (!Number.isFinite(a.weights?.[k])) throw new TypeError(`weights.${k}: not a finite number`);
  }
  return a;
}

/** What a logged fit-score prediction hashes: everything the probability depends on. */
interface FitInputs {
  readonly technical: number;
  readonly seniority: number;
  readonly experience: number;
  readonly signal: number;
  readonly category: string;
  readonly seniority_match: boolean;
  readonly tailoring_applied: boolean;
  readonly resume_score: number | null;
  readonly strategy_mode: string;
}

/**
 * ScoreFit: each candidate job's fit score (0-100) under the weights in production, and the
 * learned model's interview probability, each probability logged like PredictInterview's
 * (model, version, user, application when the job has one, job, inputs hash, probability).
 */
export function scoreFit(
  served: ServedModel<FitScoreArtifact>,
  log: PredictionLog | null,
  request: pb.ScoreFitRequest,
): pb.ScoreFitResponse {
  const { version, model } = served.require();
  const w: FitWeights = model.weights;
  const resume_score =
    request.resume_score === undefined
      ? null
      : checkNumber('resume_score', request.resume_score, REQUEST_RULES.resume_score);
  const inputs: FitInputs[] = [];
  const scores = request.jobs.map((job, i) => {
    const c = job.components;
    if (!c) throw new InvalidArgumentError(`jobs[${i}].components: required`);
    checkComponents(c, `jobs[${i}].components`, REQUIRED_COMPONENT);
    const subject = {
      components: c,
      category: job.category,
      seniority_match: job.seniority_match,
      tailoring_applied: job.tailoring_applied,
      resume_score,
      strategy_mode: request.strategy_mode,
    };
    const { components, ...context } = subject;
    inputs.push({ ...components, ...context });
    const contributions = Object.fromEntries(FIT_COMPONENTS.map((k) => [k, w[k] * c[k]]));
    return {
      job_id: job.job_id,
      fit_score: fitScore(w, c),
      components: c,
      contributions,
      interview_probability: fitInterviewProbability(model, subject),
    };
  });
  log?.log(
    scores.map((s, i) => ({
      model: version.model,
      version: version.version,
      user_id: request.user_id,
      application_id: request.jobs[i].application_id,
      job_id: s.job_id,
      inputs: inputs[i],
      probability: s.interview_probability,
    })),
  );
  return {
    scores,
    weights: { ...w, extra: {} },
    weights_version: `${version.model}@${version.version}`,
  };
}

/** The FitScorer and Inference services of the fit-score learner. */
export function fitScoreBindings(
  served: ServedModel<FitScoreArtifact>,
  log: PredictionLog | null,
): ServiceBinding[] {
  const implementation: pb.FitScorerServer = {
    scoreFit: unary((r: pb.ScoreFitRequest) => scoreFit(served, log, r)),
  };
  return [
    { service: pb.FitScorerService, implementation },
    inferenceBinding([
      describeServed(
        served,
        'json_params',
        [{ name: 'fit_components', datatype: 'FP64', width: FIT_COMPONENTS.length }],
        [{ name: 'fit_score', datatype: 'FP64', width: 1 }],
        (loaded, decoded) => {
          // Rows of the four components, in FIT_COMPONENTS order.
          const x = decoded.values.get('fit_components') as readonly number[];
          const k = FIT_COMPONENTS.length;
          x.forEach((v, j) =>
            checkNumber(
              `inputs 'fit_components'[${Math.floor(j / k)}][${j % k}]`,
              v,
              REQUIRED_COMPONENT,
            ),
          );
          const scores = Array.from({ length: decoded.rows }, (_, i) =>
            fitScore(
              loaded.model.weights,
              Object.fromEntries(FIT_COMPONENTS.map((c, j) => [c, x[i * k + j]])) as FitWeights,
            ),
          );
          return new Map([['fit_score', scores]]);
        },
      ),
    ]),
  ];
}
