import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';

/**
 * The one rule for the numbers a prediction request carries, shared by PredictInterview,
 * ScoreFit and both services' ModelInfer, taken from the event contract
 * (`../shared/contract/EVENTS.md`): a value that is given must be finite and inside the
 * contract's range; a field the contract makes optional may be unknown. How a request says
 * "unknown" is the only thing that differs by path: PredictInterview and ScoreFit leave the
 * message or field out; a ModelInfer FP64 tensor has no "absent", so NaN there (and only for
 * an optional field) is the tensor's way of leaving the value out. Anything else (NaN where a
 * value is required, ±Infinity, 1e308 for a 0-100 score) is refused with INVALID_ARGUMENT
 * naming the field and the rule, before any model runs or any prediction is logged.
 */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** The contract lets the field be unknown. */
  readonly optional: boolean;
}

const SCORE: NumberRule = Object.freeze({ min: 0, max: 100, optional: false });
const OPTIONAL_SCORE: NumberRule = Object.freeze({ min: 0, max: 100, optional: true });

/** The contract's rules for the numeric fields the services read. */
export const REQUEST_RULES = Object.freeze({
  /** `context.fit_components.*`: optional (NEW), each 0-100. */
  fit_component: OPTIONAL_SCORE,
  /** `context.resume_score`: required on CREATED/SUBMITTED, 0-100. */
  resume_score: SCORE,
  /** `context.fit_score`: 0-100. */
  fit_score: SCORE,
  /** `profile.years_experience`: 0-60. */
  years_experience: Object.freeze({ min: 0, max: 60, optional: true }),
  /** Features beyond the contract: any finite number. */
  extra_numeric: Object.freeze({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE, optional: true }),
});

function range(rule: NumberRule): string {
  return rule.min === -Number.MAX_VALUE ? 'a finite number' : `a number in ${rule.min}-${rule.max}`;
}

/** A given value: finite and in range, else InvalidArgumentError naming `field`. */
export function checkNumber(field: string, value: number, rule: NumberRule): number {
  if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
    const hint = rule.optional ? ' (when unknown: leave it out, NaN in a tensor)' : '';
    throw new InvalidArgumentError(`${field}: ${value} must be ${range(rule)}${hint}`);
  }
  return value;
}

/**
 * A value from a ModelInfer FP64 tensor: NaN is unknown (null) for an optional field and
 * refused for a required one; any other value must pass `checkNumber`.
 */
export function checkTensorNumber(field: string, value: number, rule: NumberRule): number | null {
  if (Number.isNaN(value)) {
    if (rule.optional) return null;
    throw new InvalidArgumentError(
      `${field}: NaN (unknown) is not allowed; the value is required and must be ${range(rule)}`,
    );
  }
  return checkNumber(field, value, rule);
}

/** Every number of a PredictInterview application, by the contract's rules (`where`: its path). */
export function checkApplication(a: pb.ApplicationFeatures, where: string): void {
  const c = a.fit_components;
  if (c) checkComponents(c, `${where}.fit_components`, REQUEST_RULES.fit_component);
  checkNumber(`${where}.resume_score`, a.resume_score, REQUEST_RULES.resume_score);
  checkNumber(`${where}.fit_score`, a.fit_score, REQUEST_RULES.fit_score);
  checkNumber(`${where}.years_experience`, a.years_experience, REQUEST_RULES.years_experience);
  for (const [k, v] of Object.entries(a.extra_numeric)) {
    checkNumber(`${where}.extra_numeric.${k}`, v, REQUEST_RULES.extra_numeric);
  }
}

/** The four fit components of a message, each by `rule`. */
export function checkComponents(c: pb.FitComponents, where: string, rule: NumberRule): void {
  for (const k of ['technical', 'seniority', 'experience', 'signal'] as const) {
    checkNumber(`${where}.${k}`, c[k], rule);
  }
}
