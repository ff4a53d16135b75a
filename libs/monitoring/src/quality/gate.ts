import type { SqlSource } from '@hirelearn/store';
import type { DocumentStore } from '@hirelearn/store';
import {
  type AcknowledgementUse,
  activeAcknowledgements,
  applyAcknowledgements,
  type QualityAcknowledgement,
} from './acknowledgements';
import { checkDataQuality, type QualityWindow } from './check-quality';
import type { DataQualityReport, QualityFinding } from './finding';
import type { DataQualitySettings } from './settings';

/** What the data-quality gate decided before a run publishes. */
export interface QualityGate {
  /** The report over the run's window, acknowledged findings marked. */
  readonly report: DataQualityReport;
  /** Critical findings no unexpired acknowledgement covers: nothing is published while any stands. */
  readonly blocking: readonly QualityFinding[];
  /** The acknowledgements that covered findings, with the findings each covered. */
  readonly applied: readonly AcknowledgementUse[];
  /** Every acknowledgement in force, whether it covered a finding of this window or not. */
  readonly active: readonly QualityAcknowledgement[];
}

/**
 * The gate before anything learned from the event store is published (spec 15.1): the
 * checks over the window the run analyses, with the operators' unexpired acknowledgements
 * (`hirelearn quality ack`) applied. The attribution CLI and the nightly run share it.
 */
export async function dataQualityGate(
  source: SqlSource,
  documents: DocumentStore,
  options: QualityWindow & {
    readonly now?: Date;
    readonly settings?: DataQualitySettings;
  } = {},
): Promise<QualityGate> {
  const checked = await checkDataQuality(source, options);
  const active = await activeAcknowledgements(documents, options.now ?? new Date());
  const { report, applied } = applyAcknowledgements(checked, active);
  const blocking = report.findings.filter((f) => f.severity === 'critical' && !f.acknowledged);
  return Object.freeze({ report, blocking, applied, active });
}
