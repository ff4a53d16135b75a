import { FIT_COMPONENTS, type FitScoreArtifact, type FitWeights } from '@hirelearn/ml';
import { InvalidArgumentError } from '@hirelearn/rpc';

const { exp } = Math;

/** What the learned model knows of a candidate job and the applicant, beside the components. */
export interface FitSubject {
  readonly components: FitWeights;
  readonly category: string;
  readonly seniority_match: boolean;
  readonly tailoring_applied: boolean;
  /** The applicant's resume score (0-100); null when the caller did not send it. */
  readonly resume_score: number | null;
  readonly strategy_mode: string;
}

/**
 * The interview probability of the fit-score version's logistic regression (the model whose
 * component coefficients became the weights): sigmoid of the intercept, the four components,
 * seniority match, the controls it adjusted for (resume score, tailoring, a strategy mode
 * other than IMPROVE_RESUME_FIRST) and the job's category (0 for the reference category and
 * for one the training data never saw). A control the training data held constant has no
 * coefficient and adds nothing. The resume score has no stand-in: when the model has a
 * coefficient for it and the caller sent none, InvalidArgumentError names the field.
 */
export function fitInterviewProbability(
  artifact: FitScoreArtifact,
  subject: FitSubject,
  field = 'resume_score',
): number {
  const b = artifact.learning.coefficients;
  const c = (name: string): number => b[name] ?? 0;
  let z = c('intercept');
  for (const k of FIT_COMPONENTS) z += c(k) * subject.components[k];
  z += c('seniority_match') * (subject.seniority_match ? 1 : 0);
  z += c('tailoring_applied') * (subject.tailoring_applied ? 1 : 0);
  const activeStrategy = subject.strategy_mode && subject.strategy_mode !== 'IMPROVE_RESUME_FIRST';
  z += c('strategy_not_improve_first') * (activeStrategy ? 1 : 0);
  z += c(`category=${subject.category}`);
  if ('resume_score' in b) {
    if (subject.resume_score === null || !Number.isFinite(subject.resume_score)) {
      throw new InvalidArgumentError(
        `${field}: required (0-100): the interview probability of ${artifact.format} adjusts for the applicant's resume score`,
      );
    }
    z += b.resume_score * subject.resume_score;
  }
  return 1 / (1 + exp(-z));
}
