/**
 * Delivering reports: each rendered file goes through the privacy audit before it is written
 * (a file that fails is kept back and counted, never written), and every insight of a report
 * delivered is logged in the delivery log (libs/insight-quality) for the quality tracking.
 * Deliveries are logged in batches, so a run over everyone is a few hundred round trips, not
 * one per report, and holds at most one batch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeliveryLog, type DeliveryInput } from '@hirelearn/insight-quality';
import {
  auditArtifacts,
  DEFAULT_PRIVACY_AUDIT_SETTINGS,
  type PrivacyAuditSettings,
} from '@hirelearn/safeguards';
import type { DocumentStore } from '@hirelearn/store';
import { weeklyDeliveries } from './delivery';
import { renderWeekly, weeklyFileName, type WeeklyFormat } from './render';
import type { WeeklyInsights } from './types';

export interface WeeklyWriterOptions {
  readonly format: WeeklyFormat;
  /** The folder reports are written under; absent: rendered only (the caller prints it). */
  readonly out?: string;
  /** Level of the intervals named in the text formats. */
  readonly alpha: number;
  readonly audit?: PrivacyAuditSettings;
  /** Deliveries logged per round trip. */
  readonly log_batch?: number;
  /** The delivery time (defaults to the wall clock at each report). */
  readonly clock?: () => Date;
}

/** What one report became: its text and file, or null when the audit kept it back. */
export interface Delivered {
  readonly text: string;
  readonly file: string | null;
}

export class WeeklyReportWriter {
  /** Files written. */
  written = 0;
  /** Files the audit kept back, with what it found. */
  readonly refused: string[] = [];
  /** Deliveries newly logged (a rerun logs nothing twice). */
  logged = 0;
  private pending: DeliveryInput[] = [];
  private readonly log: DeliveryLog;

  constructor(
    documents: DocumentStore,
    private readonly o: WeeklyWriterOptions,
  ) {
    this.log = new DeliveryLog(documents);
  }

  /** Renders, audits, writes and queues the deliveries of one report. */
  async deliver(r: WeeklyInsights): Promise<Delivered | null> {
    const text = renderWeekly(r, this.o.format, this.o.alpha);
    const file =
      this.o.out === undefined ? null : path.join(this.o.out, weeklyFileName(r, this.o.format));
    const name = file ?? weeklyFileName(r, this.o.format);
    const audit = auditArtifacts([{ name, text }], this.o.audit ?? DEFAULT_PRIVACY_AUDIT_SETTINGS);
    if (audit.status === 'fail') {
      this.refused.push(
        `${name}: ${audit.findings.map((f) => `${f.kind} at line ${f.line}`).join(', ')}`,
      );
      return null;
    }
    if (file !== null) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      this.written++;
    }
    const at = (this.o.clock?.() ?? new Date()).toISOString();
    this.pending.push(...weeklyDeliveries(r, at, this.o.alpha));
    if (this.pending.length >= (this.o.log_batch ?? 1000)) await this.flush();
    return { text, file };
  }

  /** Logs the queued deliveries; call once more at the end of a run. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.logged += (await this.log.record(batch)).recorded;
  }
}
