import type { ApplicationFeatures as MlFeatures, EnsemblePrediction } from '@hirelearn/ml';
import type * as pb from '@hirelearn/proto';

const str = (v: string | undefined): string | null => (v ? v : null);

/** A wire application as the models' features (proto3 empty strings read as unknown). */
export function featuresFromPb(a: pb.ApplicationFeatures): MlFeatures {
  const c = a.fit_components;
  return {
    fit_technical: c ? c.technical : null,
    fit_seniority: c ? c.seniority : null,
    fit_experience: c ? c.experience : null,
    fit_signal: c ? c.signal : null,
    category: str(a.category),
    resume_score: a.resume_score,
    tailoring_applied: a.tailoring_applied,
    job_seniority: str(a.job?.seniority),
    user_seniority: str(a.user_seniority),
    strategy_mode: str(a.strategy_mode),
  };
}

/** An EnsemblePrediction on the wire, with the version that answered. */
export function predictionToPb(
  applicationId: string,
  p: EnsemblePrediction,
  model: string,
  version: number,
): pb.EnsemblePrediction {
  return {
    application_id: applicationId,
    probability: p.probability,
    confidence: p.confidence,
    model_agreement: p.model_agreement,
    individual_predictions: Object.entries(p.individual_predictions).map(([m, probability]) => ({
      model: m,
      probability,
    })),
    disagreement_analysis: JSON.stringify(p.disagreement_analysis),
    model_name: model,
    model_version: version,
  };
}
