/**
 * The nightly's steps that read the event log and the registries: the data-quality gate,
 * attribution (stored with its run), the ramp of running experiments, the monitor pass and
 * the feedback-loop check. Each is a `NightlyStep` built over the run's context.
 */
import {
  runAttribution,
  type AnalysisWindow,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { analyzeFromStore, applyRampStep, ExperimentCatalog } from '@hirelearn/experiments';
import { dataQualityGate, type QualityGate } from '@hirelearn/monitoring';
import type { DocumentStore, EventStore } from '@hirelearn/store';
import { saveAttribution } from './attribution-results';
import { checkFeedbackLoops } from './feedback';
import type { NightlySettings } from './settings';
import type { NightlyStep } from './steps';

/** Who the nightly acts as in every audit trail it writes to. */
export const NIGHTLY_ACTOR = 'nightly';

/** What the nightly keeps of a monitor pass, local (`runMonitor`) or over gRPC (`RunNow`). */
export interface MonitorPass {
  readonly versions: readonly {
    readonly model: string;
    readonly version: string | number;
    /** `requested` when the pass rolled the version back. */
    readonly rollback: string;
  }[];
  readonly health_reports: number;
  readonly serving: readonly { readonly message: string }[];
}

export interface NightlyContext {
  readonly run_id: string;
  readonly events: EventStore;
  readonly documents: DocumentStore;
  readonly window: AnalysisWindow;
  readonly now: Date;
  readonly settings: NightlySettings;
  /** One pass of the model monitor (local, or a served drift monitor over gRPC). */
  readonly monitor: () => Promise<MonitorPass>;
  /** Attribution progress (long runs). */
  readonly on_attribution_progress?: (done: number, total: number, treatment: string) => void;
  /** The attribution workers' script (the CLI bundle's); on this thread when absent. */
  readonly attribution_worker_script?: string;
  /** Personalization progress: users published so far of the total. */
  readonly on_personalize_progress?: (done: number, total: number) => void;
}

export function qualityGateStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'quality_gate',
    needs: [],
    async run() {
      const gate = await dataQualityGate(ctx.events, ctx.documents, {
        ...ctx.window,
        now: ctx.now,
      });
      const summary = {
        critical: gate.report.critical,
        warnings: gate.report.warnings,
        acknowledged: gate.applied.map((a) => a._id),
      };
      if (gate.blocking.length > 0) {
        throw new Error(
          `${gate.blocking.length} critical data-quality finding(s) stand: ` +
            gate.blocking.map((f) => `${f.rule} (${f.event_type})`).join(', ') +
            '; nothing learned from this window is published (`hirelearn quality` lists them; acknowledge with `hirelearn quality ack`)',
        );
      }
      return { value: gate satisfies QualityGate, summary };
    },
  };
}

export function attributionStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'attribution',
    needs: ['quality_gate'],
    async run() {
      const result: OutcomeAttribution = await runAttribution(ctx.events, {
        window: ctx.window,
        now: ctx.now,
        on_progress: ctx.on_attribution_progress,
        worker_script: ctx.attribution_worker_script,
      });
      const id = await saveAttribution(ctx.documents, ctx.run_id, result);
      const w = result.data_window;
      return {
        value: result,
        produced: [`attribution_results/${id}`],
        summary: {
          status: result.status,
          effects: result.effects.length,
          high: result.effects.filter((e) => e.causal_confidence === 'HIGH').length,
          data_window: { ...w },
        },
      };
    },
  };
}

/** Each running experiment analysed and stepped (ramp, hold, roll back, roll out) as `nightly`. */
export function rampStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'ramp',
    needs: [],
    async run() {
      const catalog = new ExperimentCatalog(ctx.documents);
      const running = await catalog.list('running');
      const produced: string[] = [];
      const actions: Record<string, string> = {};
      for (const e of running) {
        const results = await analyzeFromStore(ctx.events, e, {}, ctx.now.toISOString());
        const out = await applyRampStep(catalog, e.experiment_id, results, {
          who: NIGHTLY_ACTOR,
          why: `nightly run ${ctx.run_id}`,
        });
        if (out.decision) produced.push(`experiment_decisions/${out.decision._id}`);
        actions[e.experiment_id] =
          out.decision?.action ?? `${out.catalog.status}: ${out.catalog.reason}`;
      }
      return { value: actions, produced, summary: { running: running.length, actions } };
    },
  };
}

export function monitorStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'monitor',
    needs: [],
    async run() {
      const run = await ctx.monitor();
      const rolledBack = run.versions.filter((v) => v.rollback === 'requested');
      return {
        value: run,
        produced: rolledBack.map((v) => `models/${v.model}/${v.version}`),
        summary: {
          versions: run.versions.length,
          health_reports: run.health_reports,
          rolled_back: rolledBack.map((v) => `${v.model} v${v.version}`),
        },
        findings: run.serving.map((f) => f.message),
      };
    },
  };
}

export function feedbackStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'feedback_loop',
    needs: [],
    async run() {
      const check = await checkFeedbackLoops(ctx.events, ctx.window, ctx.settings);
      return {
        value: check,
        summary: {
          loops: check.loops.map((l) => ({
            loop: l.loop,
            status: l.status,
            weeks: l.weeks,
            relative_decline: l.relative_decline,
            exploration_rate: l.exploration_rate,
          })),
        },
        findings: check.findings,
      };
    },
  };
}
