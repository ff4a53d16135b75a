/**
 * Model and identification: a causal question names the treatment and the outcome and says
 * which columns are common causes (covariates) and which are instruments. Identification
 * picks the strategies the data supports, with the assumption each relies on stated:
 *   backdoor (Pearl 2009, Causality §3.3): the covariates block every backdoor path
 *     (no unmeasured confounding) → E[Y(1) − Y(0)] = E_x[E[Y | T=1, x] − E[Y | T=0, x]];
 *   iv (Angrist, Imbens & Rubin 1996, JASA 91): the instruments move the treatment, are as good
 *     as random and affect the outcome only through it → the LATE.
 */
import { deepFreeze } from './freeze';
import { CausalData } from './types';

/** The causal model: named roles over plain columns. */
export interface CausalQuestion {
  readonly treatment_name: string;
  readonly outcome_name: string;
  readonly data: CausalData;
  readonly instruments?: Readonly<Record<string, readonly number[]>>;
}

export type Strategy = 'backdoor' | 'iv';

export interface Identification {
  readonly strategies: readonly Strategy[];
  readonly adjustment_set: readonly string[];
  readonly instruments: readonly string[];
  /** Untestable assumptions each strategy relies on; they travel with the estimate. */
  readonly assumptions: readonly string[];
  /** True for a 0/1 treatment (propensity methods apply). */
  readonly binary_treatment: boolean;
}

/** Identification of the question's effect (see the module doc). */
export function identify(question: CausalQuestion): Identification {
  const adjustment = Object.keys(question.data.covariates);
  const instruments = Object.keys(question.instruments ?? {});
  const binary = question.data.treatment.every((v) => v === 0 || v === 1);
  const strategies: Strategy[] = binary ? ['backdoor'] : [];
  const assumptions: string[] = [];
  if (binary) {
    assumptions.push(
      adjustment.length > 0
        ? `backdoor: {${adjustment.join(', ')}} contains every common cause of ${question.treatment_name} and ${question.outcome_name}`
        : `backdoor with no covariates: ${question.treatment_name} is as good as randomized`,
    );
  }
  if (instruments.length > 0) {
    strategies.push('iv');
    assumptions.push(
      `iv: {${instruments.join(', ')}} shift ${question.treatment_name}, are as good as random and affect ${question.outcome_name} only through it`,
    );
  }
  return deepFreeze({
    strategies,
    adjustment_set: adjustment,
    instruments,
    assumptions,
    binary_treatment: binary,
  });
}
