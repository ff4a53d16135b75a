import type {
  DocumentCollection,
  DocumentFilter,
  DocumentStore,
  StoredDocument,
} from '@hirelearn/store';
import {
  deliveryId,
  InvalidDeliveryError,
  parseDeliveryInput,
  type DeliveryInput,
  type DeliveryKind,
  type InsightDelivery,
} from './delivery';

/** The document-store collection of the log. */
export const DELIVERIES_COLLECTION = 'insight_deliveries';

/**
 * A delivery as stored. `user_id` is a top-level field, so the document store's `eraseUser`
 * (run by `hirelearn erase` and by a `USER_DELETION_REQUESTED` at ingest) removes a user's
 * deliveries with everything else of theirs.
 */
type DeliveryDoc = StoredDocument & InsightDelivery & { readonly recorded_at: string };

export interface RecordResult {
  /** Deliveries written now. */
  readonly recorded: number;
  /** Deliveries already in the log (a rerun delivering the same insight again): not written twice. */
  readonly already_logged: number;
  /** The logged deliveries, with their ids, in input order. */
  readonly deliveries: readonly InsightDelivery[];
}

export interface DeliveryQuery {
  /** Delivered at or after (ISO). */
  readonly since?: string | null;
  /** Delivered before (ISO). */
  readonly until?: string | null;
  readonly user_id?: string;
  readonly kind?: DeliveryKind;
}

/**
 * The delivery log: every insight and recommendation delivered, kept with a stable id (so a
 * rerun logs nothing twice) in the document store, SQLite embedded or MongoDB alike.
 */
export class DeliveryLog {
  private readonly docs: DocumentCollection<DeliveryDoc>;
  private readonly clock: () => Date;

  constructor(documents: DocumentStore, options: { clock?: () => Date } = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.docs = documents.collection<DeliveryDoc>(DELIVERIES_COLLECTION, {
      indexes: ['user_id', 'delivered_at', 'kind'],
    });
  }

  /**
   * Logs deliveries in one round trip. Each is checked first: an invalid one throws
   * InvalidDeliveryError naming `deliveries[i]` and the field, and nothing is written.
   */
  async record(inputs: readonly DeliveryInput[]): Promise<RecordResult> {
    const recordedAt = this.clock().toISOString();
    const deliveries = inputs.map((input, i) => {
      let d: DeliveryInput;
      try {
        d = parseDeliveryInput(input);
      } catch (error) {
        throw new InvalidDeliveryError(`deliveries[${i}]: ${(error as Error).message}`);
      }
      // One UTC form, so that the log's time filters (string comparisons) order correctly.
      const delivered_at = normalized(d.delivered_at);
      return Object.freeze({ delivery_id: deliveryId(d), ...d, delivered_at });
    });
    if (deliveries.length === 0) return { recorded: 0, already_logged: 0, deliveries: [] };
    const result = await this.docs.insertMany(
      deliveries.map((d) => ({ ...d, _id: d.delivery_id, recorded_at: recordedAt })),
    );
    return {
      recorded: result.inserted,
      already_logged: result.duplicateIds.length,
      deliveries,
    };
  }

  /** Deliveries in delivery order (ties by id), filtered by time, user and kind. */
  async list(query: DeliveryQuery = {}): Promise<readonly InsightDelivery[]> {
    const time = {
      ...(query.since ? { $gte: normalized(query.since) } : {}),
      ...(query.until ? { $lt: normalized(query.until) } : {}),
    };
    const filter: DocumentFilter<DeliveryDoc> = {
      ...(Object.keys(time).length > 0 ? { delivered_at: time } : {}),
      ...(query.user_id !== undefined ? { user_id: query.user_id } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
    };
    const rows = await this.docs.find(filter, { sort: { field: 'delivered_at', direction: 1 } });
    return rows.map(toDelivery);
  }

  async count(query: Pick<DeliveryQuery, 'user_id' | 'kind'> = {}): Promise<number> {
    return this.docs.count({
      ...(query.user_id !== undefined ? { user_id: query.user_id } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
    });
  }
}

/**
 * Times are stored as given (ISO with an offset); the filter compares strings, so a bound is
 * brought to the same UTC `...Z` form the producers write (`new Date().toISOString()`).
 */
function normalized(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t))
    throw new RangeError(`'${iso}' is not a date (use an ISO date or date-time)`);
  return new Date(t).toISOString();
}

function toDelivery(doc: DeliveryDoc): InsightDelivery {
  const { _id: _i, revision: _r, recorded_at: _at, ...rest } = doc;
  return Object.freeze(rest);
}
