/** The registry's domain types: plain, immutable, snake_case like the proto messages. */

export const STAGES = ['candidate', 'shadow', 'production', 'archived'] as const;
/** Where a version stands; a model has at most one production version at a time. */
export type Stage = (typeof STAGES)[number];

export const ARTIFACT_FORMATS = ['onnx', 'tfjs', 'json_params'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** A content-addressed artifact. */
export interface ArtifactRef {
  /** Lowercase hex sha256 of the bytes. */
  readonly sha256: string;
  readonly format: ArtifactFormat;
  /** `file://` URI of the stored bytes. */
  readonly uri: string;
  readonly size_bytes: number;
}

/** The time range (RFC 3339) of the events a version was trained on. */
export interface DataWindow {
  readonly start: string;
  readonly end: string;
}

/** One registered version of a model and its lineage. */
export interface ModelVersion {
  readonly model: string;
  readonly version: number;
  readonly stage: Stage;
  readonly artifact: ArtifactRef;
  readonly metrics: Readonly<Record<string, number>>;
  readonly training_data_window: DataWindow;
  readonly seed: number;
  readonly code_version: string;
  readonly settings_hash: string;
  readonly registered_by: string;
  readonly registered_at: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** One recorded stage change. `from_stage` is null for the registration itself. */
export interface StageTransition {
  readonly model: string;
  readonly version: number;
  readonly from_stage: Stage | null;
  readonly to_stage: Stage;
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  /** 1, 2, 3, ... per model. */
  readonly sequence: number;
}

/** What `register` needs; the registry adds the number, the stage and the time. */
export interface RegisterVersionInput {
  readonly model: string;
  readonly content: Uint8Array;
  readonly format: ArtifactFormat;
  /** When given, registration is refused unless the content hashes to it. */
  readonly expected_sha256?: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly training_data_window: DataWindow;
  readonly seed: number;
  readonly code_version: string;
  readonly settings_hash: string;
  readonly registered_by: string;
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Loads an artifact the way the service that will serve it does, and throws when it cannot
 * (the registry refuses the registration with the reason). The model services provide it
 * (`loadableArtifact` in @hirelearn/services): the registry knows formats, not models.
 */
export type ArtifactCheck = (artifact: {
  readonly model: string;
  readonly format: ArtifactFormat;
  readonly content: Uint8Array;
}) => Promise<void>;

/** Who asks for a stage change and why; both are recorded. */
export interface ChangeBy {
  readonly by: string;
  readonly reason: string;
}

/**
 * A promotion or rollback decided on a known state: with `expected_production` set, the
 * change is refused (ConflictError) unless that version (null: none) is in production when
 * it is made, so two people (or a person and the drift monitor) acting on the same state
 * cannot both win, however their calls interleave.
 */
export interface GuardedChange extends ChangeBy {
  readonly expected_production?: number | null;
}

/** The version after a stage change and every transition the change recorded. */
export interface StageChange {
  readonly version: ModelVersion;
  readonly transitions: readonly StageTransition[];
}

/** What a watcher receives: the change, the version it moved, and production after it. */
export interface WatchEvent {
  /** Null for the first event of a watch opened with `send_current`. */
  readonly transition: StageTransition | null;
  readonly version: ModelVersion | null;
  readonly production: ModelVersion | null;
}

/** A running watch; `close` stops it. */
export interface Watch {
  close(): void;
}
