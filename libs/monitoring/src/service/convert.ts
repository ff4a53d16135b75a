import * as pb from '@hirelearn/proto';
import type { CriticalReason, ModelHealth, VersionVerdict } from '../monitor/types';
import type { RunTrigger, TimedMonitorRun } from './monitor-loop';

const STAGE = { production: pb.Stage.STAGE_PRODUCTION, shadow: pb.Stage.STAGE_SHADOW } as const;

const CRITICAL: Readonly<Record<CriticalReason, pb.CriticalReason>> = {
  ece_above_threshold: pb.CriticalReason.CRITICAL_REASON_ECE_ABOVE_THRESHOLD,
  features_drifted: pb.CriticalReason.CRITICAL_REASON_FEATURES_DRIFTED,
  concept_drift: pb.CriticalReason.CRITICAL_REASON_CONCEPT_DRIFT,
};

const ROLLBACK: Readonly<Record<VersionVerdict['rollback'], pb.RollbackOutcome>> = {
  not_needed: pb.RollbackOutcome.ROLLBACK_OUTCOME_NOT_NEEDED,
  requested: pb.RollbackOutcome.ROLLBACK_OUTCOME_REQUESTED,
  failed: pb.RollbackOutcome.ROLLBACK_OUTCOME_FAILED,
  shadow_not_served: pb.RollbackOutcome.ROLLBACK_OUTCOME_SHADOW_NOT_SERVED,
};

const TRIGGER: Readonly<Record<RunTrigger, pb.RunTrigger>> = {
  schedule: pb.RunTrigger.RUN_TRIGGER_SCHEDULE,
  run_now: pb.RunTrigger.RUN_TRIGGER_RUN_NOW,
};

/** null (not computable) is an absent optional field on the wire. */
const opt = (v: number | null): number | undefined => (v === null ? undefined : v);

export function modelHealthToPb(h: ModelHealth): pb.ModelHealth {
  return {
    model: h.model,
    version: Number(h.version),
    stage: STAGE[h.stage],
    window_start: h.window_start,
    window_end: h.window_end,
    status:
      h.status === 'ok'
        ? pb.HealthStatus.HEALTH_STATUS_OK
        : pb.HealthStatus.HEALTH_STATUS_INSUFFICIENT_DATA,
    n_predictions: h.n_predictions,
    n_labelled: h.n_labelled,
    positive_rate: opt(h.positive_rate),
    mean_predicted: opt(h.mean_predicted),
    ece: opt(h.ece),
    mce: opt(h.mce),
    brier: opt(h.brier),
    log_loss: opt(h.log_loss),
    auc: opt(h.auc),
    auc_ci_lower: h.auc_ci?.[0],
    auc_ci_upper: h.auc_ci?.[1],
    reliability: h.reliability.map((b) => ({
      lo: b.lo,
      hi: b.hi,
      count: b.count,
      mean_predicted: opt(b.mean_predicted),
      observed_rate: opt(b.observed_rate),
    })),
    drift_reference: h.drift_reference,
    drift: h.drift.map((d) => ({
      feature: d.feature,
      test: d.test ?? '',
      statistic: opt(d.statistic),
      p_value: opt(d.p_value),
      psi: opt(d.psi),
      drifted: d.drifted,
      degenerate: d.status === 'degenerate',
    })),
    drifted_features: [...h.drifted_features],
    page_hinkley_detections: [...h.page_hinkley_detections],
    adwin_detections: [...h.adwin_detections],
    error_by_day: h.error_by_day.map((e) => ({ ...e })),
    critical: h.critical.map((c) => CRITICAL[c]),
  };
}

export function verdictToPb(v: VersionVerdict): pb.VersionVerdict {
  return {
    model: v.model,
    version: Number(v.version),
    stage: STAGE[v.stage],
    windows: v.windows,
    critical_windows: v.critical_windows,
    evidence: v.evidence ?? '',
    rollback: ROLLBACK[v.rollback],
    rollback_message: v.rollback_message ?? '',
  };
}

export function monitorRunToPb(run: TimedMonitorRun): pb.MonitorRun {
  return {
    started_at: run.started_at,
    finished_at: run.finished_at,
    trigger: TRIGGER[run.trigger],
    versions: run.versions.map(verdictToPb),
    health_reports: run.health_reports,
    serving: run.serving.map((f) => ({
      rule: f.rule,
      model: f.model,
      production_version: Number(f.production_version),
      production_since: f.production_since,
      other_version_predictions: f.other_version_predictions,
      served_version: String(f.served_version),
      message: f.message,
    })),
  };
}

export function runTriggerToPb(trigger: RunTrigger): pb.RunTrigger {
  return TRIGGER[trigger];
}
