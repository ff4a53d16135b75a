/**
 * The general engine on any table (`hirelearn causal estimate` reads it from a CSV): one method
 * of this library on named columns, with the fields of `EffectSummary` (which the nightly
 * `CausalEffect` of libs/attribution extends) so an analyst can check the engine on their data. Rows with an empty cell in a column the method reads are dropped
 * and counted (`diagnostics.rows_dropped`, and a reason naming the columns); missing columns or
 * non-numeric values are a result with status `invalid_input`, never a throw. RD goes fuzzy when
 * the treatment is not 1{running ≥ cutoff} (or on request) and runs the density test at the
 * cutoff; a panel DiD uses the staggered estimator when treatment starts at different times, and
 * runs the pre-trend test when treated units are seen before their treatment. A failed design
 * check makes the grade LOW.
 */
import { aipw } from '../aipw';
import { analyzeEffect } from '../analyze';
import { balanceTable, type BalanceTable } from '../balance';
import { did2x2, didTwoWayFe, type PanelData } from '../did';
import { didStaggered } from '../did-staggered';
import { rdDensityTest } from '../density';
import {
  estimateKey,
  recommendation,
  type EffectSummary,
  type RefutationSummary,
} from '../effect-summary';
import { DEFAULT_GRADING_SETTINGS, gradeEffect } from '../grading';
import { ipw } from '../ipw';
import { iv2sls, type IvEffect } from '../iv';
import { psMatching } from '../matching';
import { type OverlapCheck } from '../overlap';
import { panelTiming } from '../panel-timing';
import { didPreTrendTest } from '../pre-trend';
import { withQValues } from '../q-values';
import { rdLocalLinear, type RdBandwidthMethod } from '../rd';
import { isSharpRd, rdFuzzy } from '../rd-fuzzy';
import { DEFAULT_REFUTER_SETTINGS, refuteAll } from '../refuters';
import { DEFAULT_CAUSAL_SETTINGS, type CausalSettings } from '../settings';
import type { CausalData, EffectEstimate, IvData, Refutation } from '../types';
import { completeRows, type ColumnTable } from './complete-rows';

export const CSV_METHODS = ['psm', 'ipw', 'aipw', 'iv', 'did', 'rd'] as const;
export type CsvMethod = (typeof CSV_METHODS)[number];

export interface EstimateRequest {
  readonly method: CsvMethod;
  readonly treatment: string;
  readonly outcome: string;
  readonly confounders?: readonly string[];
  /** Instruments (iv): one, or several for over-identified 2SLS. */
  readonly instruments?: readonly string[];
  readonly running_variable?: string;
  readonly cutoff?: number;
  readonly post?: string;
  readonly unit?: string;
  readonly time?: string;
  /** Column of cluster ids for clustered errors (defaults to `unit` when given). */
  readonly cluster?: string;
  /** RD: fuzzy even when the treatment is 1{running ≥ cutoff} (automatic when it is not). */
  readonly fuzzy?: boolean;
  /** RD bandwidth selector: Imbens-Kalyanaraman (default) or rdrobust's MSE-optimal. */
  readonly bandwidth_method?: RdBandwidthMethod;
}

/** An `EffectSummary` with the estimand and the method's own diagnostics. */
export interface EstimateResult extends EffectSummary {
  readonly estimand: string;
  readonly diagnostics: Readonly<Record<string, number | boolean | null>>;
}

type Columns = Record<string, readonly number[]>;

function numeric(table: ColumnTable, name: string): readonly number[] | string {
  const col = table.columns[name];
  if (col === undefined)
    return `no column '${name}' (columns: ${Object.keys(table.columns).join(', ')})`;
  const out = col.map((v) => (typeof v === 'number' ? v : NaN));
  const bad = out.findIndex((v) => !Number.isFinite(v));
  return bad >= 0 ? `column '${name}' row ${bad + 1} is not a number (${String(col[bad])})` : out;
}

function ids(table: ColumnTable, name: string): readonly (string | number)[] | string {
  const col = table.columns[name];
  if (col === undefined) return `no column '${name}'`;
  return col.map((v) => v ?? '');
}

function invalid(req: EstimateRequest, n: number, reason: string): EstimateResult {
  return {
    treatment: req.treatment,
    outcome: req.outcome,
    status: 'invalid_input',
    estimand: '',
    ate: null,
    att: null,
    std_error: null,
    confidence_interval: null,
    p_value: null,
    q_value: null,
    causal_confidence: 'LOW',
    method: req.method,
    headline_method: req.method,
    headline_reason: 'no estimate',
    estimates: {},
    naive: { ate: null, confidence_interval: null, p_value: null },
    instrument: null,
    sample_size: n,
    treatment_group_size: 0,
    control_group_size: 0,
    adjustment_set: [],
    refutations: [],
    reasons: [reason],
    recommendation: `no conclusion on ${req.treatment}: invalid_input`,
    diagnostics: {},
  };
}

interface Evidence {
  readonly primary: EffectEstimate;
  readonly others: readonly EffectEstimate[];
  readonly overlap: OverlapCheck | null;
  readonly balance: BalanceTable | null;
  readonly refutations: readonly Refutation[];
  /** Design checks (density test, pre-trend test): a failed one makes the grade LOW. */
  readonly checks?: readonly RefutationSummary[];
  readonly adjustment: readonly string[];
  readonly diagnostics: Readonly<Record<string, number | boolean | null>>;
}

const baselineRisk = (d: CausalData): number | undefined => {
  if (!d.outcome.every((v) => v === 0 || v === 1)) return undefined;
  const c = d.outcome.filter((_, i) => d.treatment[i] === 0);
  return c.reduce((a: number, b) => a + b, 0) / c.length;
};

function adjusted(req: EstimateRequest, data: CausalData, s: CausalSettings): Evidence {
  const a = analyzeEffect(
    { treatment_name: req.treatment, outcome_name: req.outcome, data },
    { settings: s },
  );
  const chosen =
    req.method === 'aipw'
      ? a.primary
      : req.method === 'ipw'
        ? a.estimates.find((e) => e.method === 'ipw_hajek' && e.estimand === 'ATE')!
        : a.estimates.find((e) => e.method === 'ps_matching')!;
  const estimator = (d: CausalData): EffectEstimate =>
    req.method === 'aipw' ? aipw(d, s) : req.method === 'ipw' ? ipw(d, 'ATE', s) : psMatching(d, s);
  const risk = baselineRisk(data);
  const refutations =
    req.method === 'aipw'
      ? a.refutations
      : chosen.status === 'ok'
        ? refuteAll(data, estimator, chosen, {
            settings: DEFAULT_REFUTER_SETTINGS,
            ...(risk === undefined ? {} : { baseline_risk: risk }),
          })
        : [];
  const matched = req.method === 'psm' ? psMatching(data, s) : null;
  const balance =
    matched !== null && matched.status === 'ok' ? balanceTable(data, matched.weights) : a.balance;
  return {
    primary: chosen,
    others: a.estimates,
    overlap: a.overlap,
    balance,
    refutations,
    adjustment: a.identification.adjustment_set,
    diagnostics: {
      max_abs_smd_after: balance?.max_abs_smd_after ?? null,
      overlap_share: a.overlap?.share_in_bounds ?? null,
    },
  };
}

function evidence(req: EstimateRequest, table: ColumnTable, s: CausalSettings): Evidence | string {
  const y = numeric(table, req.outcome);
  if (typeof y === 'string') return y;
  const t = numeric(table, req.treatment);
  if (typeof t === 'string') return t;
  const covariates: Columns = {};
  for (const name of req.confounders ?? []) {
    const c = numeric(table, name);
    if (typeof c === 'string') return c;
    covariates[name] = c;
  }
  const clusterName = req.cluster ?? req.unit;
  const clusters = clusterName === undefined ? undefined : ids(table, clusterName);
  if (typeof clusters === 'string') return clusters;
  const base: CausalData = {
    outcome: y,
    treatment: t,
    covariates,
    ...(clusters ? { clusters } : {}),
  };
  const none = {
    overlap: null,
    balance: null,
    refutations: [],
    adjustment: Object.keys(covariates),
  };
  switch (req.method) {
    case 'psm':
    case 'ipw':
    case 'aipw':
      return adjusted(req, base, s);
    case 'iv': {
      if (req.instruments === undefined || req.instruments.length === 0) {
        return 'iv needs --instrument (one column, or several separated by commas)';
      }
      const instruments: Columns = {};
      for (const name of req.instruments) {
        const z = numeric(table, name);
        if (typeof z === 'string') return z;
        instruments[name] = z;
      }
      const data: IvData = { ...base, instruments };
      const e = iv2sls(data, s);
      return {
        ...none,
        primary: e,
        others: [e],
        refutations: e.status === 'ok' ? refuteAll(data, (d) => iv2sls(d, s), e) : [],
        diagnostics: ivDiagnostics(e),
      };
    }
    case 'did': {
      if (req.post !== undefined) {
        const post = numeric(table, req.post);
        if (typeof post === 'string') return post;
        const e = did2x2({ outcome: y, group: t, post, ...(clusters ? { clusters } : {}) }, s);
        return { ...none, primary: e, others: [e], diagnostics: { n_clusters: e.n_clusters } };
      }
      if (req.unit === undefined || req.time === undefined)
        return 'did needs --post, or --unit and --time';
      const unit = ids(table, req.unit);
      const time = ids(table, req.time);
      if (typeof unit === 'string') return unit;
      if (typeof time === 'string') return time;
      return panelDid({ outcome: y, treated: t, unit, time, covariates }, s, none);
    }
    case 'rd': {
      if (req.running_variable === undefined || req.cutoff === undefined) {
        return 'rd needs --running-variable and --cutoff';
      }
      const x = numeric(table, req.running_variable);
      if (typeof x === 'string') return x;
      const data = {
        outcome: y,
        running: x,
        cutoff: req.cutoff,
        ...(clusters ? { clusters } : {}),
      };
      // Naming the running variable as the treatment means a sharp design: D = 1{X >= c}.
      const d =
        req.treatment === req.running_variable ? x.map((v) => (v >= data.cutoff ? 1 : 0)) : t;
      const fuzzy = req.fuzzy === true || !isSharpRd(d, x, req.cutoff);
      const options = { settings: s, bandwidth_method: req.bandwidth_method ?? 'ik' } as const;
      const f = fuzzy ? rdFuzzy({ ...data, treatment: d }, options) : null;
      const e = f ?? rdLocalLinear(data, options);
      const density = Number.isFinite(e.bandwidth)
        ? rdDensityTest(x, req.cutoff, e.bandwidth, s.alpha)
        : null;
      return {
        ...none,
        primary: e,
        others: [e],
        checks:
          density === null
            ? []
            : [
                {
                  name: 'density_test',
                  passed: density.passed,
                  detail: `${density.below} rows in [c − h, c) and ${density.above} in [c, c + h), h = ${e.bandwidth.toPrecision(4)}: binomial p = ${density.p_value.toPrecision(3)} must be >= ${s.alpha}`,
                  values: { below: density.below, above: density.above, p_value: density.p_value },
                },
              ],
        diagnostics: {
          bandwidth: e.bandwidth,
          fuzzy,
          first_stage_jump:
            f !== null && Number.isFinite(f.first_stage_jump) ? f.first_stage_jump : null,
          first_stage_f: f !== null && Number.isFinite(f.first_stage_f) ? f.first_stage_f : null,
        },
      };
    }
  }
}

const finiteOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

/**
 * The 2SLS diagnostics: instrument strength (the robust Wald F that flags a weak instrument
 * below 10, and the classical joint F of the excluded instruments that Stock-Yogo's critical
 * values are for) and, when over-identified, Sargan's and Hansen's tests.
 */
function ivDiagnostics(e: IvEffect): Readonly<Record<string, number | boolean | null>> {
  return {
    n_instruments: e.n_instruments,
    first_stage_f: finiteOrNull(e.first_stage_f),
    first_stage_f_classical: finiteOrNull(e.first_stage?.f),
    first_stage_p_value: finiteOrNull(e.first_stage?.p_value),
    weak_instrument: e.weak_instrument,
    sargan: finiteOrNull(e.sargan?.statistic),
    sargan_p_value: finiteOrNull(e.sargan?.p_value),
    hansen_j: finiteOrNull(e.hansen_j?.statistic),
    hansen_j_p_value: finiteOrNull(e.hansen_j?.p_value),
    overid_df: e.sargan?.df ?? null,
  };
}

/**
 * DiD on a unit × time panel: TWFE, or `didStaggered` when a 0/1 treatment starts at different
 * times (TWFE would compare later-treated units with already-treated ones); the pre-trend test
 * whenever some treated unit is observed before its treatment.
 */
function panelDid(
  panel: PanelData,
  s: CausalSettings,
  none: Pick<Evidence, 'overlap' | 'balance' | 'refutations' | 'adjustment'>,
): Evidence {
  const twfe = didTwoWayFe(panel, s);
  const binary = panel.treated.every((d) => d === 0 || d === 1);
  const starts = binary
    ? new Set(
        panelTiming(panel.treated, panel.unit, panel.time).first_treated.filter(Number.isFinite),
      )
    : new Set<number>();
  const staggered = starts.size > 1 ? didStaggered(panel, s) : null;
  const pre = binary ? didPreTrendTest(panel, { alpha: s.alpha }) : null;
  const leads = pre !== null && pre.status === 'ok' ? pre : null;
  return {
    ...none,
    primary: staggered ?? twfe,
    others: staggered === null ? [twfe] : [staggered, twfe],
    checks:
      leads === null
        ? []
        : [
            {
              name: 'pre_trend',
              passed: leads.passed,
              detail: `leads ${leads.leads.map((l) => `${l.lead}: ${l.estimate.toPrecision(3)} (${l.std_error.toPrecision(2)})`).join(', ')} on the untreated cells; joint Wald χ²(${leads.df}) = ${leads.wald.toPrecision(3)}, p = ${leads.p_value.toPrecision(3)} must be >= ${s.alpha}`,
              values: { wald: leads.wald, df: leads.df, p_value: leads.p_value },
            },
          ],
    diagnostics: {
      n_clusters: (staggered ?? twfe).n_clusters,
      cohorts: staggered?.cohorts ?? null,
      pre_trend_p_value: leads?.p_value ?? null,
    },
  };
}

/** The columns `req` reads. */
function usedColumns(req: EstimateRequest): string[] {
  return [
    req.outcome,
    req.treatment,
    ...(req.confounders ?? []),
    ...(req.instruments ?? []),
    ...[req.running_variable, req.post, req.unit, req.time, req.cluster].filter(
      (c): c is string => c !== undefined,
    ),
  ];
}

/** The columns `req` names that `table` does not have (each once, in the order named). */
export function missingColumns(table: ColumnTable, req: EstimateRequest): string[] {
  return [...new Set(usedColumns(req))].filter((c) => table.columns[c] === undefined);
}

/** "no column 'a'" or "no columns 'a', 'b'", with the columns the table has. */
export function missingColumnsReason(table: ColumnTable, missing: readonly string[]): string {
  const names = missing.map((c) => `'${c}'`).join(', ');
  return `no column${missing.length > 1 ? 's' : ''} ${names} (columns: ${Object.keys(table.columns).join(', ')})`;
}

/** Runs `req.method` on `table` (see the module doc). */
export function estimateOnTable(
  table: ColumnTable,
  req: EstimateRequest,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): EstimateResult {
  const missing = missingColumns(table, req);
  if (missing.length > 0) return invalid(req, table.n, missingColumnsReason(table, missing));
  const complete = completeRows(table, usedColumns(req));
  if (complete.table.n === 0 && table.n > 0) {
    return invalid(req, table.n, `no complete row: ${complete.reason}`);
  }
  const ev = evidence(req, complete.table, settings);
  if (typeof ev === 'string') return invalid(req, table.n, ev);
  const [primary] = withQValues([ev.primary]);
  const grade = gradeEffect(
    { effect: primary, overlap: ev.overlap, balance: ev.balance, refutations: ev.refutations },
    DEFAULT_GRADING_SETTINGS,
  );
  const checks = ev.checks ?? [];
  const failed = checks.filter((c) => !c.passed).map((c) => `${c.name} failed: ${c.detail}`);
  const confidence = failed.length > 0 ? 'LOW' : grade.confidence;
  const ok = primary.status === 'ok';
  const estimates: Record<string, number | null> = {};
  for (const e of ev.others) estimates[estimateKey(e)] = e.status === 'ok' ? e.estimate : null;
  const naive = ev.others.find((e) => e.method === 'naive_difference');
  const att = ev.others.find((e) => e.estimand === 'ATT' && e.status === 'ok');
  return {
    treatment: req.treatment,
    outcome: req.outcome,
    status: primary.status,
    estimand: primary.estimand,
    ate: ok ? primary.estimate : null,
    att: att?.estimate ?? null,
    std_error: ok ? primary.std_error : null,
    confidence_interval: ok ? [primary.ci[0], primary.ci[1]] : null,
    p_value: ok ? primary.p_value : null,
    q_value: primary.q_value,
    causal_confidence: confidence,
    method: primary.method,
    headline_method: primary.method,
    headline_reason: 'the method asked for',
    estimates,
    naive:
      naive?.status === 'ok'
        ? {
            ate: naive.estimate,
            confidence_interval: [naive.ci[0], naive.ci[1]],
            p_value: naive.p_value,
          }
        : { ate: null, confidence_interval: null, p_value: null },
    instrument: null,
    sample_size: primary.n,
    treatment_group_size: primary.n_treated,
    control_group_size: primary.n_control,
    adjustment_set: ev.adjustment,
    refutations: [
      ...ev.refutations.map((r) => ({
        name: r.name,
        passed: r.passed,
        detail: r.detail,
        values: r.values,
      })),
      ...checks,
    ],
    reasons: [
      ...(complete.dropped > 0 ? [complete.reason] : []),
      ...primary.reasons,
      ...failed,
      ...grade.reasons,
    ],
    recommendation: recommendation(req.treatment, confidence, primary, req.outcome, (x) =>
      x.toPrecision(3),
    ),
    diagnostics: { rows_dropped: complete.dropped, ...ev.diagnostics },
  };
}
