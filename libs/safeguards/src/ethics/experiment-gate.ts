/**
 * Experiment ethics gate (spec 15.4): a pure pre-launch check of a proposed experiment.
 * Every rule is evaluated (no short-circuit) so the result names all violations.
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
  | 'job_recommendation_cut'
  | 'user_effort_rise'
  | 'expected_benefit'
  | 'opt_out_path'
  | 'rollback_plan';

export interface EthicsViolation {
  readonly rule: EthicsRule;
  readonly message: string;
}

export interface EthicsGateResult {
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
  for (const [name, value] of Object.entries(s)) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
    }
  }
  const violations: EthicsViolation[] = [];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const cut = proposal.job_recommendation_change;
  if (!(cut >= -s.max_job_recommendation_cut - TOLERANCE)) {
    violations.push({
      rule: 'job_recommendation_cut',
      message: `job recommendations change by ${pct(cut)}; cuts beyond ${pct(s.max_job_recommendation_cut)} are not allowed`,
    });
  }
  const effort = proposal.user_effort_change;
  if (!(effort <= s.max_user_effort_rise + TOLERANCE)) {
    violations.push({
      rule: 'user_effort_rise',
      message: `user effort changes by ${pct(effort)}; rises beyond ${pct(s.max_user_effort_rise)} are not allowed`,
    });
  }
  const benefit = proposal.expected_benefit;
  if (!(benefit >= s.min_expected_benefit - TOLERANCE)) {
    violations.push({
      rule: 'expected_benefit',
      message: `expected benefit ${pct(benefit)} is below the required ${pct(s.min_expected_benefit)}`,
    });
  }
  if (proposal.has_opt_out_path !== true) {
    violations.push({ rule: 'opt_out_path', message: 'users need a path to opt out' });
  }
  if (proposal.has_rollback_plan !== true) {
    violations.push({ rule: 'rollback_plan', message: 'a rollback plan is required' });
  }
  return { passed: violations.length === 0, violations };
}
