/**
 * What the nightly does with each recommendation, by its route (spec 9.1, 9.2, 11.2): every
 * one is saved (idempotent by id, so a rerun after a kill repeats nothing); `auto_apply` is
 * approved and published through the configuration channel as `nightly` (compare-and-set, the
 * last act); `a_b_test` becomes a draft experiment once the ethics gate passes it;
 * `manual_review` waits for `hirelearn recommendations approve|reject`.
 */
import type { RecommendationStore } from '@hirelearn/config';
import { ExperimentCatalog, type ExperimentDefinition } from '@hirelearn/experiments';
import { DeliveryLog, recommendationDelivery } from '@hirelearn/insight-quality';
import {
  canonicalJson,
  type JsonValue,
  type OptimizationRecommendation,
} from '@hirelearn/optimize';
import { checkExperimentEthics, type ExperimentProposal } from '@hirelearn/safeguards';
import { NIGHTLY_ACTOR, type NightlyContext } from './core-steps';

export type DeliveryOutcome =
  'published' | 'experiment_draft' | 'waiting' | 'already_decided' | 'refused';

export interface DeliveredRecommendation {
  readonly recommendation_id: string;
  readonly route: OptimizationRecommendation['route'];
  readonly outcome: DeliveryOutcome;
  readonly detail: string;
}

/** The id of the draft experiment that tests a recommendation. */
export const experimentIdFor = (recommendationId: string): string => `rec-${recommendationId}`;

/** Units in which an expected impact is a change of interview probability (absolute). */
const PROBABILITY_UNITS = new Set(['probability', 'probability_points', 'points']);

/**
 * The ethics gate's proposal for testing a recommendation: the expected benefit relative to
 * the window's interview rate (the gate's unit); an impact in another unit (a calibration
 * error) is no stated benefit to users, so the gate refuses it (it fails closed). The change
 * cuts no job recommendations and adds no user effort; users can opt out of experiments and
 * a ramp rolls back.
 */
export function ethicsProposal(
  rec: OptimizationRecommendation,
  interviewRate: number | null,
): ExperimentProposal {
  const i = rec.expected_impact;
  const benefit =
    i.unit === 'relative'
      ? i.estimate
      : PROBABILITY_UNITS.has(i.unit) && interviewRate !== null && interviewRate > 0
        ? i.estimate / interviewRate
        : 0;
  return {
    job_recommendation_change: 0,
    user_effort_change: 0,
    expected_benefit: benefit,
    has_opt_out_path: true,
    has_rollback_plan: true,
  };
}

/** The draft experiment of a recommendation: the current value as control, the recommended as treatment. */
export function experimentDefinition(
  rec: OptimizationRecommendation,
  ethics: ExperimentProposal,
): ExperimentDefinition {
  return {
    experiment_id: experimentIdFor(rec.recommendation_id),
    name: `${rec.component}: ${rec.parameter}`,
    hypothesis: `${rec.parameter} = ${JSON.stringify(rec.recommended_value)} changes ${rec.expected_impact.metric} by ${rec.expected_impact.estimate} ${rec.expected_impact.unit} (recommendation ${rec.recommendation_id})`,
    component: rec.component,
    parameter: rec.parameter,
    variants: [
      { variant_id: 'control', value: rec.current_value, allocation: 0.5 },
      { variant_id: 'recommended', value: rec.recommended_value, allocation: 0.5 },
    ],
    success_metric: 'interviews_per_application',
    guardrail_metrics: ['reached_interview', 'applications', 'ghosted_rate'],
    ethics,
  };
}

export interface Delivery {
  readonly delivered: readonly DeliveredRecommendation[];
  readonly produced: readonly string[];
  readonly findings: readonly string[];
}

export async function deliverRecommendations(
  ctx: NightlyContext,
  store: RecommendationStore,
  recommendations: readonly OptimizationRecommendation[],
  interviewRate: number | null,
): Promise<Delivery> {
  const experiments = new ExperimentCatalog(ctx.documents);
  const open = (await experiments.list()).filter((e) => e.status !== 'completed');
  const delivered: DeliveredRecommendation[] = [];
  const produced: string[] = [];
  const findings: string[] = [];
  const done = (rec: OptimizationRecommendation, outcome: DeliveryOutcome, detail: string) =>
    delivered.push({ recommendation_id: rec.recommendation_id, route: rec.route, outcome, detail });
  for (const rec of recommendations) {
    const saved = await store.save(rec, { run_id: ctx.run_id });
    produced.push(`recommendations/${rec.recommendation_id}`);
    if (saved.recommendation.status !== 'pending') {
      done(rec, 'already_decided', `${saved.recommendation.status} before this run`);
      continue;
    }
    if (rec.route === 'auto_apply') {
      try {
        const { published } = await store.decide(rec.recommendation_id, {
          decision: 'approve',
          by: NIGHTLY_ACTOR,
          reason: `auto_apply (${rec.route_reason}); nightly run ${ctx.run_id}`,
        });
        const v = published?.version;
        produced.push(`config/layer-${rec.layer}/${v}`);
        done(rec, 'published', `layer ${rec.layer} version ${v}`);
      } catch (e) {
        // Refused (a publish that lost its compare-and-set, a config its schema refuses):
        // nothing was published and the recommendation waits for review.
        const why = (e as Error).message;
        findings.push(`recommendation ${rec.recommendation_id} not published: ${why}`);
        done(rec, 'refused', why);
      }
    } else if (rec.route === 'a_b_test') {
      const ethics = ethicsProposal(rec, interviewRate);
      const gate = checkExperimentEthics(ethics, experiments.settings.ethics);
      if (!gate.passed) {
        const why = `ethics gate refused its experiment: ${gate.violations.map((v) => v.message).join('; ')}`;
        findings.push(`recommendation ${rec.recommendation_id}: ${why}; it waits for review`);
        done(rec, 'refused', why);
        continue;
      }
      // The same change already under test (drafted from an earlier night's evidence): no second one.
      const same = open.find(
        (e) =>
          e.component === rec.component &&
          e.parameter === rec.parameter &&
          canonicalJson(e.variants[1]?.value as JsonValue) === canonicalJson(rec.recommended_value),
      );
      if (same) {
        produced.push(`experiments/${same.experiment_id}`);
        done(rec, 'experiment_draft', `${same.experiment_id} (${same.status}, already testing it)`);
        continue;
      }
      const created = await experiments.create(experimentDefinition(rec, ethics), {
        who: NIGHTLY_ACTOR,
        why: `a_b_test of recommendation ${rec.recommendation_id} (${rec.route_reason}); nightly run ${ctx.run_id}`,
      });
      if (created.status !== 'ok' && created.status !== 'exists') {
        const why = `draft experiment refused (${created.status}): ${created.reason}`;
        findings.push(`recommendation ${rec.recommendation_id}: ${why}`);
        done(rec, 'refused', why);
        continue;
      }
      produced.push(`experiments/${experimentIdFor(rec.recommendation_id)}`);
      done(rec, 'experiment_draft', experimentIdFor(rec.recommendation_id));
    } else {
      done(rec, 'waiting', rec.route_reason);
    }
  }
  // Each recommendation delivered is logged once, for its quality to be measured later.
  const logged = await new DeliveryLog(ctx.documents).record(
    recommendations.map((rec) => recommendationDelivery(rec, ctx.now.toISOString())),
  );
  produced.push(...logged.deliveries.map((d) => `insight_deliveries/${d.delivery_id}`));
  return { delivered, produced, findings };
}
