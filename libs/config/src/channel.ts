import { EventEmitter } from 'node:events';
import { ConflictError, InvalidArgumentError, NotFoundError } from '@hirelearn/rpc';
import type { DocumentStore } from '@hirelearn/store';
import {
  configCollections,
  flushHead,
  headId,
  toConfigVersion,
  versionDocId,
  type ConfigCollections,
  type ConfigVersion,
  type HeadDoc,
} from './documents';
import { DEFAULT_CONFIGS, parseLayerConfig, type ConfigLayer } from './layers';
import { configChannelSettings, type ConfigChannelSettings } from './settings';
import { ConfigWatcher, type ConfigWatch, type ConfigWatchOptions } from './watcher';

/** Who publishes and why; `by` is the authenticated identity (gRPC) or `--who` (CLI). */
export interface PublishBy {
  readonly by: string;
  readonly reason: string;
  /** The version the publisher read; the publish is refused if the layer has moved on. */
  readonly expected_version: number;
  readonly recommendation_id?: string | null;
}

export interface RollbackBy extends PublishBy {
  /** The version to restore; default the one before the current. */
  readonly to_version?: number;
}

/** A publish refused because the layer is no longer at the version the publisher read. */
export class ConfigConflictError extends ConflictError {
  constructor(
    readonly layer: ConfigLayer,
    /** The version in force now: the one the publisher lost to. */
    readonly current_version: number,
    readonly expected_version: number,
    by: string,
  ) {
    super(
      `layer ${layer}: expected version ${expected_version} but version ${current_version} ` +
        `(published by ${by}) is in force; nothing was published (compare-and-set: read the ` +
        'config again and publish on top of it if still wanted)',
    );
  }
}

export interface ConfigChannelOptions {
  readonly documents: DocumentStore;
  readonly settings?: Partial<ConfigChannelSettings>;
  /** The time recorded on versions; injectable for tests. */
  readonly clock?: () => Date;
}

/**
 * The configuration channel: versioned configuration per consuming layer (2, 5, 6), each
 * version checked by its layer's schema, published by compare-and-set on the version the
 * publisher read, audited (who, when, why, which recommendation), rolled back by publishing
 * an older version again, and pushed to watchers in this process at once and to those of
 * other processes on the same store within `watch_poll_ms`.
 */
export class ConfigChannel {
  readonly settings: ConfigChannelSettings;
  private readonly c: ConfigCollections;
  private readonly clock: () => Date;
  private readonly changes = new EventEmitter();
  private readonly watches = new Set<ConfigWatch>();

  constructor(options: ConfigChannelOptions) {
    this.settings = configChannelSettings(options.settings);
    this.c = configCollections(options.documents);
    this.clock = options.clock ?? (() => new Date());
    this.changes.setMaxListeners(0);
  }

  /** The version in force (version 0, the defaults, until the first publish). */
  async current<L extends ConfigLayer>(layer: L): Promise<ConfigVersion<L>> {
    const head = await this.c.heads.get(headId(layer));
    return (head ? toConfigVersion(head.current) : defaultVersion(layer)) as ConfigVersion<L>;
  }

  /** One version; NotFoundError naming the versions there are. */
  async get(layer: ConfigLayer, version: number): Promise<ConfigVersion> {
    if (!Number.isSafeInteger(version) || version < 0)
      throw new InvalidArgumentError(`version: ${version} must be a whole number >= 0`);
    const current = await this.current(layer);
    if (version > current.version)
      throw new NotFoundError(
        `layer ${layer} has no version ${version} (versions 0-${current.version})`,
      );
    if (version === 0) return defaultVersion(layer);
    if (version === current.version) return current;
    const doc = await this.c.versions.get(versionDocId(layer, version));
    if (!doc) throw new NotFoundError(`layer ${layer}: version ${version} has no stored record`);
    return toConfigVersion(doc);
  }

  /** Every version, oldest first, version 0 included: the audit trail. */
  async history(layer: ConfigLayer): Promise<readonly ConfigVersion[]> {
    const head = await this.c.heads.get(headId(layer));
    if (head) await flushHead(this.c, head);
    const rows = await this.c.versions.find(
      { layer },
      { sort: { field: 'version', direction: 1 } },
    );
    return Object.freeze([defaultVersion(layer), ...rows.map(toConfigVersion)]);
  }

  /**
   * Publishes a new version if the layer is still at `expected_version`; ConfigSchemaError
   * naming the field when the config breaks its layer's schema, ConfigConflictError naming
   * the version in force when another publish got there first.
   */
  async publish(layer: ConfigLayer, config: unknown, by: PublishBy): Promise<ConfigVersion> {
    return this.write(layer, config, by, null);
  }

  /** Publishes an older version's config again as a new version (audited as a rollback). */
  async rollback(layer: ConfigLayer, by: RollbackBy): Promise<ConfigVersion> {
    const current = await this.current(layer);
    if (current.version === 0)
      throw new InvalidArgumentError(
        `layer ${layer} is at version 0, the defaults: nothing was published yet, so there is nothing to roll back`,
      );
    const to = by.to_version ?? current.version - 1;
    if (to < 0 || to >= current.version)
      throw new InvalidArgumentError(
        `to_version: ${to} is not a version before the current ${current.version} of layer ${layer}`,
      );
    const old = await this.get(layer, to);
    return this.write(layer, old.config, by, to);
  }

  /**
   * Calls onVersion with every version published from now on (with `send_current`, first the
   * one in force), in order, whoever publishes it on this store.
   */
  watch<L extends ConfigLayer>(
    layer: L,
    onVersion: (version: ConfigVersion<L>) => void,
    options: ConfigWatchOptions = {},
  ): ConfigWatch {
    const key = String(layer);
    const check = (): void => void watcher.check();
    const timer = setInterval(check, this.settings.watch_poll_ms);
    timer.unref();
    const watcher = new ConfigWatcher(
      this.c,
      layer,
      () => this.current(layer),
      onVersion as (version: ConfigVersion) => void,
      options,
      () => {
        clearInterval(timer);
        this.changes.off(key, check);
        this.watches.delete(watcher);
      },
    );
    this.changes.on(key, check);
    this.watches.add(watcher);
    check();
    return watcher;
  }

  /** Stops every watch; the document store stays open (its owner closes it). */
  close(): void {
    for (const w of [...this.watches]) w.close();
  }

  private async write(
    layer: ConfigLayer,
    config: unknown,
    by: PublishBy,
    rollbackOf: number | null,
  ): Promise<ConfigVersion> {
    checkPublishBy(by);
    const parsed = parseLayerConfig(layer, config);
    const head = await this.c.heads.get(headId(layer));
    const at = head ? head.current.version : 0;
    if (at !== by.expected_version)
      throw new ConfigConflictError(
        layer,
        at,
        by.expected_version,
        head?.current.published_by ?? 'defaults',
      );
    if (head) await flushHead(this.c, head);
    const version: ConfigVersion = {
      layer,
      version: at + 1,
      config: parsed,
      published_by: by.by,
      published_at: this.clock().toISOString(),
      reason: by.reason.trim(),
      recommendation_id: by.recommendation_id ?? null,
      rollback_of: rollbackOf,
    };
    const next: HeadDoc = { _id: headId(layer), layer, current: version };
    const written = head
      ? await this.c.heads.replaceIf(next, head.revision ?? 0)
      : await this.c.heads.insert(next).catch((error: Error) => {
          if (error.name === 'DuplicateDocumentError') return null;
          throw error;
        });
    if (!written) {
      const winner = await this.current(layer);
      throw new ConfigConflictError(
        layer,
        winner.version,
        by.expected_version,
        winner.published_by,
      );
    }
    await flushHead(this.c, written);
    this.changes.emit(String(layer));
    return toConfigVersion(version);
  }
}

function checkPublishBy(by: PublishBy): void {
  if (!by.by.trim()) throw new InvalidArgumentError('by: who publishes must be named');
  if (!by.reason.trim())
    throw new InvalidArgumentError('reason: say why this version is published');
  if (!Number.isSafeInteger(by.expected_version) || by.expected_version < 0)
    throw new InvalidArgumentError(
      `expected_version: ${by.expected_version} must be the whole version number (>= 0) the publisher read`,
    );
}

/** Version 0: the layer's defaults. */
export function defaultVersion(layer: ConfigLayer): ConfigVersion {
  return Object.freeze({
    layer,
    version: 0,
    config: DEFAULT_CONFIGS[layer],
    published_by: 'defaults',
    published_at: null,
    reason: 'the defaults, in force until the first publish',
    recommendation_id: null,
    rollback_of: null,
  });
}
