import { PolledWatch } from '@hirelearn/store';
import { flushHead, headId, toConfigVersion, type ConfigCollections } from './documents';
import type { ConfigVersion } from './documents';
import type { ConfigLayer } from './layers';

export interface ConfigWatchOptions {
  /** First send the version in force (version 0, the defaults, when nothing was published). */
  readonly send_current?: boolean;
  /**
   * First send every version after this one (the version the caller read, or the last one it
   * received before a reconnect): nothing published in between is missed. Wins over send_current.
   */
  readonly after_version?: number;
  readonly onError?: (error: unknown) => void;
}

export interface ConfigWatch {
  close(): void;
}

/**
 * Follows one layer's versions, the registry's ModelWatcher pattern: a check reads the head
 * document (cheap) and, when its version moved, every version after the last one delivered,
 * in order, so a watcher sees each version even when several were published between checks;
 * one check at a time (SerialCheck).
 */
export class ConfigWatcher extends PolledWatch<ConfigVersion> implements ConfigWatch {
  private last: number | null = null;

  constructor(
    private readonly c: ConfigCollections,
    private readonly layer: ConfigLayer,
    private readonly current: () => Promise<ConfigVersion>,
    onVersion: (version: ConfigVersion) => void,
    private readonly options: ConfigWatchOptions,
    onClose: () => void,
  ) {
    super(onVersion, onClose, options.onError);
  }

  protected async poll(): Promise<void> {
    if (this.last === null && this.options.after_version !== undefined)
      this.last = this.options.after_version;
    if (this.last === null) {
      const current = await this.current();
      this.last = current.version;
      if (this.options.send_current) this.emit(current);
      return;
    }
    const head = await this.c.heads.get(headId(this.layer));
    if (!head || head.current.version <= this.last) return;
    await flushHead(this.c, head);
    const rows = await this.c.versions.find(
      { layer: this.layer, version: { $gt: this.last } },
      { sort: { field: 'version', direction: 1 } },
    );
    for (const row of rows) {
      this.last = row.version;
      this.emit(toConfigVersion(row));
    }
  }
}
