/** A valid event ready to be stored, as received (payload) plus the columns the store indexes. */
export interface StagedEvent {
  readonly event_id: string;
  readonly event_type: string;
  readonly user_id: string | null;
  readonly application_id: string | null;
  /** Event time in epoch milliseconds (UTC). */
  readonly occurredAtMs: number;
  /** The event's line exactly as received. */
  readonly payload: string;
  readonly source: string;
  readonly line: number;
}

/** An event that was not stored as valid, with its original bytes and why. */
export interface QuarantineEntry {
  readonly event_id: string | null;
  readonly event_type: string | null;
  readonly user_id: string | null;
  readonly reason: string;
  readonly field: string;
  readonly message: string;
  readonly raw: Uint8Array;
  readonly source: string;
  readonly line: number;
}

/** What one batch did to the store; applied atomically (all or nothing). */
export interface BatchOutcome {
  readonly stored: number;
  readonly duplicates: number;
  readonly conflicts: number;
  readonly quarantined: number;
  readonly pendingAdded: number;
  readonly released: number;
  readonly erasedUsers: number;
}

export interface Batch {
  readonly events: readonly StagedEvent[];
  readonly quarantine: readonly QuarantineEntry[];
  /** Users whose USER_DELETION_REQUESTED came in this batch, erased after it is applied. */
  readonly deletions: readonly { readonly userId: string; readonly atMs: number }[];
}

export interface QuarantineRow {
  readonly quarantine_id: string;
  readonly event_id: string | null;
  readonly event_type: string | null;
  readonly user_id: string | null;
  readonly reason: string;
  readonly field: string;
  readonly message: string;
  readonly source: string;
  readonly line: number;
  readonly quarantined_at: string;
}

export interface StoreStatus {
  readonly events: number;
  readonly by_type: Readonly<Record<string, number>>;
  readonly first_event_at: string | null;
  readonly last_event_at: string | null;
  readonly users: number;
  readonly pending: number;
  readonly quarantined: number;
  readonly quarantine_by_reason: Readonly<Record<string, number>>;
  readonly tombstones: number;
  readonly ingest_runs: number;
  readonly facts: Readonly<Record<string, number>>;
}
