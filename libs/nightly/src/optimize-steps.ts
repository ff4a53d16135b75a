/**
 * The optimizers and what becomes of their recommendations. `optimize` runs every optimizer
 * of libs/optimize on the run's attribution and window and stores each result (its analysis is
 * the evidence its recommendations cite); `recommendations` saves them to the store and routes
 * each (deliver.ts): auto_apply published by `nightly`, a_b_test drafted as an experiment,
 * manual_review left waiting.
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import {
  ConfigChannel,
  RecommendationStore,
  type ConfigLayer,
  type ConfigVersion,
} from '@hirelearn/config';
import { learnFitWeights, type LabelledApplication } from '@hirelearn/ml';
import {
  optimizeFitWeights,
  optimizeResumeEdits,
  optimizeScoreCalibration,
  optimizeStrategyThreshold,
  optimizeTiming,
  type OptimizationRecommendation,
  type OptimizerResult,
} from '@hirelearn/optimize';
import { loadLabelledApplications } from '@hirelearn/training';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';
import type { NightlyContext } from './core-steps';
import { deliverRecommendations } from './deliver';
import {
  aggressiveThresholdOf,
  currentConfigs,
  fitWeightsOf,
  loadWindowOutcomes,
  modeThresholdOf,
  scoreMapOf,
  submissionHoursOf,
  suggestedEditsOf,
  timingOf,
  type WindowOutcomes,
} from './optimizer-inputs';
import type { JsonValue } from './run-record';
import type { NightlyStep } from './steps';

export const OPTIMIZER_RESULTS_COLLECTION = 'optimizer_results';

/** What one optimizer concluded in one run, kept as the evidence its recommendations cite. */
export interface StoredOptimizerResult extends StoredDocument {
  readonly run_id: string;
  readonly optimizer: string;
  readonly status: OptimizerResult<unknown>['status'];
  readonly reasons: readonly string[];
  readonly analysis: JsonValue;
  readonly recommendation_ids: readonly string[];
}

export function optimizerResultsCollection(
  docs: DocumentStore,
): DocumentCollection<StoredOptimizerResult> {
  return docs.collection<StoredOptimizerResult>(OPTIMIZER_RESULTS_COLLECTION, {
    indexes: ['run_id'],
  });
}

/** Everything an optimizer may read. */
export interface OptimizerInputs {
  readonly run_id: string;
  readonly attribution: OutcomeAttribution;
  readonly outcomes: WindowOutcomes;
  /** The window's labelled applications: the fit-weight learner splits them by user itself. */
  readonly labelled: readonly LabelledApplication[];
  readonly configs: Readonly<Record<ConfigLayer, ConfigVersion>>;
}

/** The optimizers the nightly runs, by name. */
export const NIGHTLY_OPTIMIZERS: readonly {
  readonly name: string;
  readonly run: (inputs: OptimizerInputs) => OptimizerResult<unknown>;
}[] = [
  {
    name: 'score_calibration',
    run: (i) =>
      optimizeScoreCalibration({ rows: i.outcomes.rows, current_map: scoreMapOf(i.configs[2]) }),
  },
  {
    name: 'timing',
    run: (i) =>
      optimizeTiming({
        applications: i.outcomes.timed,
        attribution: i.attribution,
        attribution_run_id: i.run_id,
        current: timingOf(i.configs[5]),
        current_submission_hours: submissionHoursOf(i.configs[5]),
      }),
  },
  {
    name: 'strategy_threshold',
    run: (i) =>
      optimizeStrategyThreshold({
        attribution: i.attribution,
        attribution_run_id: i.run_id,
        scores: i.outcomes.latest_scores,
        current_threshold: modeThresholdOf(i.configs[2]),
        aggressive_threshold: aggressiveThresholdOf(i.configs[2]),
      }),
  },
  {
    name: 'fit_weights',
    run: (i) =>
      optimizeFitWeights({
        learning: learnFitWeights(i.labelled, { currentWeights: fitWeightsOf(i.configs[6]) }),
      }),
  },
  {
    name: 'resume_edits',
    run: (i) =>
      optimizeResumeEdits({
        attribution: i.attribution,
        attribution_run_id: i.run_id,
        current_suggested_edits: suggestedEditsOf(i.configs[2]),
      }),
  },
];

/** The value `optimize` hands to `recommendations`. */
export interface OptimizeValue {
  readonly recommendations: readonly OptimizationRecommendation[];
  readonly interview_rate: number | null;
}

export function optimizeStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'optimize',
    needs: ['attribution'],
    async run(values) {
      const attribution = values.get('attribution') as OutcomeAttribution;
      const outcomes = await loadWindowOutcomes(ctx.events, ctx.window);
      const inputs: OptimizerInputs = {
        run_id: ctx.run_id,
        attribution,
        outcomes,
        labelled: (await loadLabelledApplications(ctx.events)).filter((a) =>
          outcomes.application_ids.has(a.application_id),
        ),
        configs: await currentConfigs(new ConfigChannel({ documents: ctx.documents })),
      };
      const results = optimizerResultsCollection(ctx.documents);
      const recommendations: OptimizationRecommendation[] = [];
      const produced: string[] = [];
      const statuses: Record<string, string> = {};
      const findings: string[] = [];
      const seconds: Record<string, number> = {};
      for (const o of NIGHTLY_OPTIMIZERS) {
        let r: OptimizerResult<unknown>;
        const t0 = performance.now();
        try {
          r = o.run(inputs);
          seconds[o.name] = Math.round(performance.now() - t0) / 1000;
        } catch (e) {
          // One optimizer refusing its input does not silence the others.
          findings.push(`${o.name} failed: ${(e as Error).message}`);
          statuses[o.name] = 'failed';
          continue;
        }
        const id = `${ctx.run_id}/${o.name}`;
        await results.insert({
          _id: id,
          run_id: ctx.run_id,
          optimizer: o.name,
          status: r.status,
          reasons: [...r.reasons],
          // Through JSON: a non-finite figure becomes null, as in every output.
          analysis: JSON.parse(JSON.stringify(r.analysis ?? null)) as JsonValue,
          recommendation_ids: r.recommendations.map((x) => x.recommendation_id),
        });
        produced.push(`${OPTIMIZER_RESULTS_COLLECTION}/${id}`);
        statuses[o.name] = `${r.status}: ${r.recommendations.length} recommendation(s)`;
        recommendations.push(...r.recommendations);
      }
      if (findings.length === NIGHTLY_OPTIMIZERS.length) {
        throw new Error(`every optimizer failed: ${findings.join('; ')}`);
      }
      const value: OptimizeValue = {
        recommendations,
        interview_rate: inputs.outcomes.interview_rate,
      };
      return { value, produced, summary: { optimizers: statuses, seconds }, findings };
    },
  };
}

export function recommendationsStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'recommendations',
    needs: ['optimize'],
    async run(values) {
      const { recommendations, interview_rate } = values.get('optimize') as OptimizeValue;
      const channel = new ConfigChannel({ documents: ctx.documents });
      try {
        const store = new RecommendationStore(ctx.documents, channel);
        const out = await deliverRecommendations(ctx, store, recommendations, interview_rate);
        const count = (o: string) => out.delivered.filter((d) => d.outcome === o).length;
        return {
          value: out.delivered,
          produced: out.produced,
          findings: out.findings,
          summary: {
            recommendations: out.delivered.length,
            published: count('published'),
            experiment_drafts: count('experiment_draft'),
            waiting: count('waiting'),
            already_decided: count('already_decided'),
            refused: count('refused'),
          },
        };
      } finally {
        channel.close();
      }
    },
  };
}
