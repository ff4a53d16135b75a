/**
 * The nightly attribution run: every treatment of `treatmentSpecs` through libs/causal's
 * model → identify → estimate → refute pipeline, errors clustered by user, then BH q-values
 * over the run's family and grading (no HIGH above q = 0.05). The design-based studies (the
 * strategy-threshold RD, each edit as a DiD) join the same BH family when given, and with each
 * edit's IV they set the headline of its adjusted estimate (headline.ts). The output is the
 * spec's `OutcomeAttribution`, effects sorted by q-value.
 */
import { analyzeEffect, CausalAnalysis, CausalData } from '@hirelearn/causal';
import * as path from 'node:path';
import type { EventStore } from '@hirelearn/store';
import { analyzeInWorkers } from './attribution-pool';
import { gradeRun } from './design-study';
import { didStudies } from './did-study';
import { CausalEffect, toCausalEffect } from './effect';
import { chooseHeadline, designCandidates } from './headline';
import { loadRdStudyData, rdStudy, RdStudyData } from './rd-study';
import { AttributionSettings, DEFAULT_ATTRIBUTION_SETTINGS } from './settings';
import { AnalysisTable, loadAnalysisTable } from './table';
import { TreatmentSpec, treatmentSpecs } from './treatments';
import type { AnalysisWindow } from './window';
import { withinUserAnalysis } from './within-user';

export interface DataWindow {
  /** The window asked for (`AttributionOptions.window`), null where open. */
  readonly since: string | null;
  readonly until: string | null;
  /** The first and last submission analysed. */
  readonly start: string | null;
  readonly end: string | null;
  readonly applications: number;
  readonly users: number;
}

export interface OutcomeAttribution {
  readonly generated_at: string;
  readonly data_window: DataWindow;
  /** 'ok', or 'insufficient_data' when the store holds no submitted application. */
  readonly status: 'ok' | 'insufficient_data';
  readonly effects: readonly CausalEffect[];
}

export interface AttributionOptions {
  readonly settings?: AttributionSettings;
  /** The applications analysed: submitted in [since, until), outcomes known before until (all when absent). */
  readonly window?: AnalysisWindow;
  /** Only these treatments (names as in the output); all when absent. */
  readonly treatments?: readonly string[];
  /** The run's timestamp (defaults to the wall clock). */
  readonly now?: Date;
  /** Design studies to add: the RD over these columns, the DiD of every edit (`runAttribution`: both). */
  readonly designs?: { readonly rd?: RdStudyData; readonly did?: boolean };
  /**
   * The worker threads' script, the bundle's `attribution-worker.js` (default: beside the
   * running bundle; absent when running from source, and then the run stays on this thread).
   */
  readonly worker_script?: string;
  /** Called as each treatment's analysis finishes (long runs: minutes on large logs). */
  readonly on_progress?: (done: number, total: number, treatment: string) => void;
}

/** Each treatment analysed on this thread, reporting progress as it goes. */
function analyzeAll(table: AnalysisTable, plan: RunPlan, options: AttributionOptions) {
  return plan.specs.map((spec, i) => {
    const analysis = analyzeTreatment(table, spec, plan.s);
    options.on_progress?.(i + 1, plan.specs.length, spec.name);
    return analysis;
  });
}

/** A column is useless to adjust for when it does not vary: it would make the design singular. */
function varies(col: readonly number[]): boolean {
  for (let i = 1; i < col.length; i++) if (col[i] !== col[0]) return true;
  return false;
}

/** Per row, the mean of `indicator` over the rows of the same user. */
function userShare(users: readonly string[], indicator: readonly number[]): number[] {
  const sum = new Map<string, [number, number]>();
  users.forEach((u, i) => {
    const s = sum.get(u) ?? [0, 0];
    s[0] += indicator[i];
    s[1] += 1;
    sum.set(u, s);
  });
  return users.map((u) => {
    const [t, n] = sum.get(u)!;
    return t / n;
  });
}

/** The causal question of one treatment over the table. */
export function questionData(table: AnalysisTable, spec: TreatmentSpec): CausalData {
  const covariates: Record<string, readonly number[]> = {};
  for (const name of spec.covariates) {
    const col = table.columns[name];
    if (col !== undefined && varies(col)) covariates[name] = col;
  }
  if (spec.within_user) covariates.user_treated_share = userShare(table.user_ids, spec.indicator);
  return {
    outcome: table.columns.reached_interview,
    treatment: spec.indicator,
    covariates,
    clusters: table.user_ids,
  };
}

/** The analysis of one treatment over the table (run on a worker thread or the caller's). */
export function analyzeTreatment(
  table: AnalysisTable,
  spec: TreatmentSpec,
  s: AttributionSettings,
): CausalAnalysis {
  const data = questionData(table, spec);
  const instrument = spec.instrument === null ? undefined : table.columns[spec.instrument];
  const analyze = spec.within_user ? withinUserAnalysis : analyzeEffect;
  return analyze(
    {
      treatment_name: spec.name,
      outcome_name: 'interview',
      data,
      ...(instrument !== undefined && spec.instrument !== null && varies(instrument)
        ? { instruments: { [spec.instrument]: instrument } }
        : {}),
    },
    { settings: s.causal, refuters: s.refuters },
  );
}

interface RunPlan {
  readonly s: AttributionSettings;
  readonly generated_at: string;
  readonly data_window: DataWindow;
  readonly wanted: ReadonlySet<string> | null;
  readonly specs: readonly TreatmentSpec[];
}

/** The run's window, timestamp and treatments (none when the table is empty). */
function planRun(table: AnalysisTable, options: AttributionOptions): RunPlan {
  const s = options.settings ?? DEFAULT_ATTRIBUTION_SETTINGS;
  const sorted = [...table.submitted_at].sort();
  const data_window: DataWindow = {
    since: options.window?.since ?? null,
    until: options.window?.until ?? null,
    start: sorted[0] ?? null,
    end: sorted[sorted.length - 1] ?? null,
    applications: table.n,
    users: new Set(table.user_ids).size,
  };
  const generated_at = (options.now ?? new Date()).toISOString();
  const wanted = options.treatments === undefined ? null : new Set(options.treatments);
  const specs =
    table.n === 0
      ? []
      : treatmentSpecs(table, s).filter((t) => wanted === null || wanted.has(t.name));
  return { s, generated_at, data_window, wanted, specs };
}

/** The design studies asked for (the RD, the DiD of every edit). */
function designStudies(table: AnalysisTable, plan: RunPlan, options: AttributionOptions) {
  const d = options.designs;
  return [
    ...(d?.rd === undefined ? [] : [rdStudy(d.rd, plan.s)]),
    ...(d?.did === true ? didStudies(table, plan.s) : []),
  ].filter((st) => plan.wanted === null || plan.wanted.has(st.treatment));
}

/** BH q-values over the whole family, grades, and the effects sorted by q-value. */
function finishRun(
  plan: RunPlan,
  analyses: readonly CausalAnalysis[],
  studies: ReturnType<typeof designStudies>,
): OutcomeAttribution {
  const { generated_at, data_window } = plan;
  // A failed estimate still carries a p-value; it must not enter the BH family.
  const family = analyses.map((a) =>
    a.primary.status === 'ok' ? a : { ...a, primary: { ...a.primary, p_value: NaN } },
  );
  const graded = gradeRun(family, studies, plan.s.grading);
  // Each edit's DiD study stands beside its adjusted analysis: a design-based estimate for the headline.
  const dids = new Map(
    graded.studies.filter((d) => d.method === 'did').map((d) => [d.treatment, d] as const),
  );
  const effects = [
    ...graded.analyses.map((a, i) => {
      const spec = plan.specs[i];
      const designs = designCandidates(
        a,
        dids.get(spec.name),
        plan.s.headline,
        plan.s.grading.weak_instrument_f,
      );
      return toCausalEffect(spec, a, chooseHeadline(a.primary, designs, plan.s.headline));
    }),
    ...graded.studies,
  ].sort(
    (a, b) =>
      (a.q_value ?? Infinity) - (b.q_value ?? Infinity) ||
      a.treatment.localeCompare(b.treatment) ||
      a.method.localeCompare(b.method),
  );
  return Object.freeze({ generated_at, data_window, status: 'ok', effects });
}

const insufficient = ({ generated_at, data_window }: RunPlan): OutcomeAttribution =>
  Object.freeze({ generated_at, data_window, status: 'insufficient_data', effects: [] });

/** Runs the studies over an already loaded table on the calling thread (pure: no I/O). */
export function attributeTable(
  table: AnalysisTable,
  options: AttributionOptions = {},
): OutcomeAttribution {
  const plan = planRun(table, options);
  if (table.n === 0) return insufficient(plan);
  const analyses = analyzeAll(table, plan, options);
  return finishRun(plan, analyses, designStudies(table, plan, options));
}

/**
 * `attributeTable` with the treatments spread over `settings.workers` worker threads running
 * `options.worker_script`; the design studies run on this thread meanwhile. The same result
 * as `attributeTable`; on the calling thread when workers is 1 or the script is missing.
 */
export async function attributeTableInWorkers(
  table: AnalysisTable,
  options: AttributionOptions = {},
): Promise<OutcomeAttribution> {
  const plan = planRun(table, options);
  if (table.n === 0) return insufficient(plan);
  const names = plan.specs.map((spec) => spec.name);
  const script = options.worker_script ?? path.join(__dirname, 'attribution-worker.js');
  const pending = analyzeInWorkers(table, names, plan.s, script, plan.s.workers, (done, name) =>
    options.on_progress?.(done, names.length, name),
  );
  const studies = designStudies(table, plan, options);
  const analyses = pending === null ? analyzeAll(table, plan, options) : await pending;
  return finishRun(plan, analyses, studies);
}

/** Loads the facts from `store` and runs the studies, the RD and the DiDs included. */
export async function runAttribution(
  store: EventStore,
  options: AttributionOptions = {},
): Promise<OutcomeAttribution> {
  const table = await loadAnalysisTable(store, options.window);
  const rdSettings = (options.settings ?? DEFAULT_ATTRIBUTION_SETTINGS).rd;
  const rd = table.n === 0 ? undefined : await loadRdStudyData(store, rdSettings, options.window);
  return attributeTableInWorkers(table, {
    ...options,
    designs: options.designs ?? { rd, did: true },
  });
}
