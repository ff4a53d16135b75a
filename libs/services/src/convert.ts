import type { ApplicationFeatures as MlFeatures, EnsemblePrediction } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';

const EMPTY_APPLICATION = pb.ApplicationFeatures.fromPartial({});
const EMPTY_JOB = pb.JobCharacteristics.fromPartial({});

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

/** An application's features on the wire (unknowns as proto3 defaults). */
export function featuresToPb(
  a: MlFeatures & {
    readonly application_id: string;
    readonly user_id: string;
    readonly job_id?: string | null;
  },
): pb.ApplicationFeatures {
  const components = [a.fit_technical, a.fit_seniority, a.fit_experience, a.fit_signal];
  return {
    ...EMPTY_APPLICATION,
    application_id: a.application_id,
    user_id: a.user_id,
    job_id: a.job_id ?? '',
    fit_components: components.every((c) => c !== null)
      ? {
          technical: a.fit_technical as number,
          seniority: a.fit_seniority as number,
          experience: a.fit_experience as number,
          signal: a.fit_signal as number,
        }
      : undefined,
    category: a.category ?? '',
    resume_score: a.resume_score ?? 0,
    tailoring_applied: a.tailoring_applied ?? false,
    job: a.job_seniority ? { ...EMPTY_JOB, seniority: a.job_seniority } : undefined,
    user_seniority: a.user_seniority ?? '',
    strategy_mode: a.strategy_mode ?? '',
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
    disagreement_analysis: p.disagreement_analysis,
    model_name: model,
    model_version: version,
  };
}
