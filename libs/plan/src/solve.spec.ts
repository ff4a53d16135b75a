import { rateOf } from '@hirelearn/analytics';
import { dominates } from '@hirelearn/moo';
import { planSettings } from './settings';
import { planChartSvg, solvePlan } from './solve';
import type { CategoryEvidence, PlanCategory, PlanInputs, PlanLever, PlanOption } from './types';

const s = planSettings();
/** Postings a week that fit, in every category of the hand-made user. */
const c0 = 10;
const W = 52 / 12;

/** A hand-made user: base chances and alignment per category set directly. */
function inputs(
  hours: number,
  tailoringEffect = 0,
  categories: Record<PlanCategory, [number, number]> = {
    reach: [0.05, 1],
    target: [0.1, 0.8],
    safety: [0.2, 0.4],
  },
): PlanInputs {
  const lever: PlanLever = {
    treatment: 'tailoring_applied',
    action: 'tailor',
    indicator: { kind: 'tailoring' },
    effect: tailoringEffect,
    extra_hours_per_application: 1,
    evidence: 'hand-made',
  };
  const evidence = (Object.keys(categories) as PlanCategory[]).map(
    (category): CategoryEvidence => ({
      category,
      own_interview_rate: rateOf(0, 0),
      segment_interview_rate: rateOf(0, 0),
      interview_probability: categories[category][0],
      base_probability: categories[category][0],
      lever_shares: { tailoring_applied: 0 },
      alignment: categories[category][1],
      fitting_postings_per_week: c0,
    }),
  );
  return {
    user_id: 'hand-made',
    basis: 'personal',
    segment: 'mid',
    hours_per_week: hours,
    categories: evidence,
    levers: [lever],
    notes: [],
  };
}

const max = (xs: number[]) => Math.max(...xs);
const min = (xs: number[]) => Math.min(...xs);
const internal = (o: PlanOption) => [
  -o.interviews_per_month,
  o.hours_per_week,
  -(o.aligned_interviews_per_month ?? 0),
];

/**
 * The most of sum_c w_c * c0 * (1 - exp(-x_c / c0)) with sum_c x_c = apps, by hand (water-filling:
 * the marginal w_c exp(-x_c / c0) is equal, lambda, wherever x_c > 0; lambda by bisection).
 */
function waterFill(w: readonly number[], c0: number, apps: number): number {
  const x = (lambda: number) => w.map((wc) => Math.max(0, c0 * Math.log(wc / lambda)));
  let [lo, hi] = [1e-12, Math.max(...w)];
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (x(mid).reduce((a, b) => a + b, 0) > apps) lo = mid;
    else hi = mid;
  }
  return x(hi).reduce((t, xc, c) => t + w[c] * c0 * (1 - Math.exp(-xc / c0)), 0);
}

describe('solvePlan on a hand-made user (known front endpoints)', () => {
  // 10 h a week at 0.5 h an application: 20 applications at most. The most interviews split
  // them between safety (0.2) and target (0.1) by water-filling: 13.47 and 6.53, 1.959 a week
  // (8.49 a month); the most aligned interviews weight the chances by alignment (0.05, 0.08,
  // 0.08); the fewest hours send the 1 required application (0.5 h). Tailoring costs 1 h and
  // does nothing here.
  const plan = solvePlan(inputs(10), s);
  const mostInterviews = W * waterFill([0.05, 0.1, 0.2], c0, 20);
  const mostAligned = W * waterFill([0.05 * 1, 0.1 * 0.8, 0.2 * 0.4], c0, 20);

  it('finds a front whose endpoints are the hand-computed optima, never beyond them', () => {
    expect(mostInterviews).toBeCloseTo(8.491, 3);
    expect(plan.status).toBe('ok');
    expect(plan.front.length).toBeGreaterThan(30);
    const interviews = plan.front.map((o) => o.interviews_per_month);
    expect(max(interviews)).toBeLessThanOrEqual(mostInterviews + 1e-9);
    expect(max(interviews)).toBeGreaterThan(0.99 * mostInterviews);
    const aligned = plan.front.map((o) => o.aligned_interviews_per_month!);
    expect(max(aligned)).toBeLessThanOrEqual(mostAligned + 1e-9);
    expect(max(aligned)).toBeGreaterThan(0.99 * mostAligned);
    expect(min(plan.front.map((o) => o.hours_per_week))).toBeLessThan(0.55);
    for (const o of plan.front) {
      expect(o.hours_per_week).toBeLessThanOrEqual(10 + 1e-9);
      expect(o.total_applications_per_week).toBeGreaterThanOrEqual(1 - 1e-9);
    }
    const best = plan.front.reduce((a, b) =>
      b.interviews_per_month > a.interviews_per_month ? b : a,
    );
    expect(best.applications_per_week.safety).toBeCloseTo(13.47, 0);
    expect(best.applications_per_week.target).toBeCloseTo(6.53, 0);
    expect(best.lever_shares.tailoring_applied).toBeLessThan(0.05);
  });

  it('recommends the knee, a plan on the front that no other plan dominates, with its trade-off in words', () => {
    const knee = plan.recommended!;
    expect(plan.front).toContain(knee);
    for (const o of plan.front) expect(dominates(internal(o), internal(knee))).toBe(false);
    expect(plan.trade_off).toMatch(/^Recommended: [\d.]+ applications a week \(/);
    expect(plan.trade_off).toMatch(
      /The lightest plan saves [\d.]+ hours a week for [\d.]+ fewer interviews a month/,
    );
  });

  it('with hours to spare, the knee stops where more interviews cost many more hours, and says so', () => {
    const roomy = solvePlan(inputs(40), s);
    const knee = roomy.recommended!;
    expect(roomy.knee_distance).toBeGreaterThan(0);
    expect(knee.hours_per_week).toBeLessThan(0.8 * 40);
    expect(knee.hours_per_week).toBeGreaterThan(5);
    const most = max(roomy.front.map((o) => o.interviews_per_month));
    const more = Math.round((most - knee.interviews_per_month) * 10) / 10;
    expect(roomy.trade_off).toContain(
      `${more} more interviews a month (${Math.round(most * 10) / 10}, the most any plan within your hours reaches) costs`,
    );
    expect(roomy.trade_off).toMatch(/costs [\d.]+ more hours a week/);
  });

  it('tailors everything at the most-interviews end once tailoring pays for its hour', () => {
    // +0.6 for 1 more hour: the best plan at share t sends 10 / (0.5 + t) applications at
    // chances base + 0.6 t; over t the most is at t = 1.
    const tailored = solvePlan(inputs(10, 0.6), s);
    const best = tailored.front.reduce((a, b) =>
      b.interviews_per_month > a.interviews_per_month ? b : a,
    );
    const atShare = (t: number) =>
      W *
      waterFill(
        [0.05, 0.1, 0.2].map((p) => p + 0.6 * t),
        c0,
        10 / (0.5 + t),
      );
    const grid = Array.from({ length: 1001 }, (_, i) => atShare(i / 1000));
    expect(max(grid)).toBe(atShare(1));
    expect(best.interviews_per_month).toBeLessThanOrEqual(atShare(1) + 1e-9);
    expect(best.interviews_per_month).toBeGreaterThan(0.98 * atShare(1));
    expect(best.lever_shares.tailoring_applied).toBeGreaterThan(0.95);
  });

  it('zero hours a week: infeasible with the reason, not an empty front', () => {
    const none = solvePlan(inputs(0), s);
    expect(none).toMatchObject({ status: 'infeasible', reason_code: 'no_feasible_plan' });
    expect(none.reason).toBe(
      'no feasible plan: 0 h a week cannot hold 1 application(s) a week, which take at least 0.5 h (0.5 h each untailored); give more hours a week',
    );
    expect(none.recommended).toBeNull();
  });

  it('is reproducible per user and charts the front with the knee ringed', () => {
    expect(solvePlan(inputs(10), s).front).toEqual(plan.front);
    const svg = planChartSvg(plan);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle [^>]*r="3"/g)).toHaveLength(plan.front.length);
    expect(svg).toContain('stroke="#d62728"');
    expect(svg).toContain('hours (h a week)');
    expect(svg).not.toMatch(/<script|href=/);
  });
});
