import type { DocumentStore, EventStore } from '@hirelearn/store';
import { DeliveryLog } from './delivery-log';
import { loadUserOutcomes } from './outcome-queries';
import { buildQualityReport, type InsightQualityReport } from './report';
import { insightQualitySettings, type InsightQualitySettings } from './settings';

export interface MeasureOptions {
  /** Deliveries made at or after (ISO). */
  readonly since?: string | null;
  /** Deliveries made before (ISO). */
  readonly until?: string | null;
  readonly now?: Date;
  readonly settings?: Partial<InsightQualitySettings>;
}

/**
 * The quality report of the deliveries logged in the document store, measured against the
 * outcomes in the event log (read-only on both).
 */
export async function measureInsightQuality(
  events: EventStore,
  documents: DocumentStore,
  options: MeasureOptions = {},
): Promise<InsightQualityReport> {
  const settings = insightQualitySettings(options.settings);
  const window = { since: options.since ?? null, until: options.until ?? null };
  const deliveries = await new DeliveryLog(documents).list(window);
  const users = new Set(deliveries.flatMap((d) => (d.user_id === null ? [] : [d.user_id])));
  const outcomes = await loadUserOutcomes(events, users);
  return buildQualityReport({
    deliveries,
    outcomes,
    window,
    now: options.now ?? new Date(),
    settings,
  });
}
