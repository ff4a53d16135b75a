import { fitScore, FIT_COMPONENTS, type FitScoreArtifact, type FitWeights } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/proto';
import type { ServiceBinding } from './grpc-server';
import { unary } from './grpc-server';
import { describeServed, inferenceBinding } from './inference';
import { ServedModel, type RegistryView } from './served-model';

/** The registry model the fit-score learner serves. */
export const FIT_SCORE_MODEL = 'fit-score';

/** The production fit weights, followed through the registry. */
export function servedFitWeights(registry: RegistryView): ServedModel<FitScoreArtifact> {
  return new ServedModel(FIT_SCORE_MODEL, registry, (content) => {
    const a = JSON.parse(content.toString('utf8')) as FitScoreArtifact;
    if (a.format !== 'hirelearn.fit-weights/v1') {
      throw new TypeError(`not a fit-weights artifact: ${String(a.format)}`);
    }
    return a;
  });
}

/** ScoreFit: each candidate job's fit score (0-100) under the weights in production. */
export function scoreFit(
  served: ServedModel<FitScoreArtifact>,
  request: pb.ScoreFitRequest,
): pb.ScoreFitResponse {
  const { version, model } = served.require();
  const w: FitWeights = model.weights;
  const scores = request.jobs.map((job, i) => {
    const c = job.components;
    if (!c) throw new InvalidArgumentError(`jobs[${i}].components: required`);
    const contributions = Object.fromEntries(FIT_COMPONENTS.map((k) => [k, w[k] * c[k]]));
    return {
      job_id: job.job_id,
      fit_score: fitScore(w, c),
      components: c,
      contributions,
      interview_probability: 0,
    };
  });
  return {
    scores,
    weights: { ...w, extra: {} },
    weights_version: `${version.model}@${version.version}`,
  };
}

/** The FitScorer and Inference services of the fit-score learner. */
export function fitScoreBindings(served: ServedModel<FitScoreArtifact>): ServiceBinding[] {
  const implementation: pb.FitScorerServer = {
    scoreFit: unary((r: pb.ScoreFitRequest) => scoreFit(served, r)),
  };
  return [
    { service: pb.FitScorerService, implementation },
    inferenceBinding([
      describeServed(
        served,
        'json_params',
        () => [{ name: 'fit_components', datatype: 'FP64', shape: [-1, FIT_COMPONENTS.length] }],
        [{ name: 'fit_score', datatype: 'FP64', shape: [-1, 1] }],
      ),
    ]),
  ];
}
