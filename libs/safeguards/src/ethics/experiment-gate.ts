/**
 * Experiment ethics gate (spec 15.4): a pure pre-launch check of a proposed experiment.
 * Every rule is evaluated (no short-circuit) so the result names all violations. Invalid gate
 * settings (a threshold that is negative or not a number, e.g. read from a bad environment)
 * refuse the experiment with the field and the rule instead of throwing: the gate fails
 * closed, and the caller that reports refusals reports this one the same way. The one
 * programmer error left, calling it without a proposal object (the types forbid it), throws a
 * TypeError.
 */

export interface ExperimentProposal {
  /** Relative change in job recommendations shown, as a fraction (−0.3 = a 30% cut). */
  readonly job_recommendation_change: number;
  /** Relative change in user effort (clicks, forms, time), as a fraction (+0.5 = 50% more). */
  readonly user_effort_change: number;
  /** Expected relative benefit to users, as a fraction (0.05 = 5%). */
  readonly expected_benefit: number;
  readonly has_opt_out_path: boolean;
  readonly has_rollback_plan: boolean;
}

export interface EthicsGateSettings {
  /** Largest allowed cut in job recommendations (default 0.2: change ≥ −20%). */
  readonly max_job_recommendation_cut: number;
  /** Largest allowed rise in user effort (default 0.5: change ≤ +50%). */
  readonly max_user_effort_rise: number;
  /** Smallest acceptable expected benefit (default 0.05: ≥ 5%). */
  readonly min_expected_benefit: number;
}

export const DEFAULT_ETHICS_GATE_SETTINGS: EthicsGateSettings = Object.freeze({
  max_job_recommendation_cut: 0.2,
  max_user_effort_rise: 0.5,
  min_expected_benefit: 0.05,
});

export type EthicsRule =
  /** A gate setting breaks its rule: nothing can pass until it is fixed. */
  | 'invalid_settings'
  | 'job_recommendation_cut'
  | 'user_effort_rise'
  | 'expected_benefit'
  | 'opt_out_path'
  | 'rollback_plan';

export interface EthicsViolation {
  readonly rule: EthicsRule;
  /** The field that broke the rule: a proposal field, or `settings.<name>`. */
  readonly field: string;
  readonly message: string;
}

/** `refused`: the proposal breaks a rule; `invalid_settings`: the gate itself cannot judge. */
export type EthicsGateStatus = 'passed' | 'refused' | 'invalid_settings';

export interface EthicsGateResult {
  readonly status: EthicsGateStatus;
  readonly passed: boolean;
  readonly violations: readonly EthicsViolation[];
}

/** Absorbs float noise at the boundaries (e.g. 1 − 1.2 = −0.19999999999999996). */
const TOLERANCE = 1e-12;

/**
 * Rules (each fails alone; a non-finite number fails its rule — the gate fails closed):
 * - job_recommendation_cut: job_recommendation_change ≥ −max_job_recommendation_cut
 * - user_effort_rise:       user_effort_change ≤ max_user_effort_rise
 * - expected_benefit:       expected_benefit ≥ min_expected_benefit
 * - opt_out_path:           has_opt_out_path === true
 * - rollback_plan:          has_rollback_plan === true
 */
export function checkExperimentEthics(
  proposal: ExperimentProposal,
  settings: Partial<EthicsGateSettings> = {},
): EthicsGateResult {
  const s: EthicsGateSettings = Object.freeze({ ...DEFAULT_ETHICS_GATE_SETTINGS, ...settings });
  const invalid: EthicsViolation[] = Object.entries(s)
    .filter(([, value]) => !(typeof value === 'number' && Number.isFinite(value) && value >= 0))
    .map(([name, value]): EthicsViolation => ({
      rule: 'invalid_settings',
      field: `settings.${name}`,
      message: `settings.${name}: must be a finite number >= 0, got ${String(value)}`,
    }));
  if (invalid.length > 0) return { status: 'invalid_settings', passed: false, violations: invalid };
  const violations: EthicsViolation[] = [];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const cut = proposal.job_recommendation_change;
  if (!(cut >= -s.max_job_recommendation_cut - TOLERANCE)) {
    violations.push({
      rule: 'job_recommendation_cut',
      field: 'job_recommendation_change',
      message: `job recommendations change by ${pct(cut)}; cuts beyond ${pct(s.max_job_recommendation_cut)} are not allowed`,
    });
  }
  const effort = proposal.user_effort_change;
  if (!(effort <= s.max_user_effort_rise + TOLERANCE)) {
    violations.push({
      rule: 'user_effort_rise',
      field: 'user_effort_change',
      message: `user effort changes by ${pct(effort)}; rises beyond ${pct(s.max_user_effort_rise)} are not allowed`,
    });
  }
  const benefit = proposal.expected_benefit;
  if (!(benefit >= s.min_expected_benefit - TOLERANCE)) {
    violations.push({
      rule: 'expected_benefit',
      field: 'expected_benefit',
      message: `expected benefit ${pct(benefit)} is below the required ${pct(s.min_expected_benefit)}`,
    });
  }
  if (proposal.has_opt_out_path !== true) {
    violations.push({
      rule: 'opt_out_path',
      field: 'has_opt_out_path',
      message: 'users need a path to opt out',
    });
  }
  if (proposal.has_rollback_plan !== true) {
    violations.push({
      rule: 'rollback_plan',
      field: 'has_rollback_plan',
      message: 'a rollback plan is required',
    });
  }
  return violations.length === 0
    ? { status: 'passed', passed: true, violations }
    : { status: 'refused', passed: false, violations };
}
