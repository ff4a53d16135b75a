import { UnavailableError } from '@hirelearn/rpc';
import type { ModelVersion, Registry, RegistryGrpcClient, Watch } from '@hirelearn/registry';

/** What a model service needs of the registry: in-process or over gRPC, the same calls. */
export interface RegistryView {
  watch(
    model: string,
    onChange: (event: { production: ModelVersion | null }) => void,
    options: { send_current?: boolean; onError?: (error: unknown) => void },
  ): Watch;
  /** The artifact's bytes, verified against the registered sha256. */
  fetch(model: string, version: number): Promise<Buffer>;
}

/** The in-process registry as a view. */
export function registryView(registry: Registry): RegistryView {
  return {
    watch: (model, onChange, options) => registry.watch(model, onChange, options),
    fetch: (model, version) => registry.loadArtifact({ model, version }),
  };
}

/** The registry over gRPC as a view. */
export function registryClientView(client: RegistryGrpcClient): RegistryView {
  return {
    watch: (model, onChange, options) => client.watch(model, onChange, options),
    fetch: async (model, version) => (await client.fetchArtifact(model, version)).content,
  };
}

/** A production version the service could not load: the registry and the service disagree. */
export interface FailedSwitch {
  readonly version: number;
  /** The version answering instead (null: none). */
  readonly serving: number | null;
  /** The error's class (e.g. IntegrityError): what a caller may see; the message is logged. */
  readonly error_kind: string;
  readonly error: string;
  readonly at: string;
}

/** A loaded version: the registry's record and the model built from its artifact. */
export interface Loaded<M> {
  readonly version: ModelVersion;
  readonly model: M;
}

/**
 * The production version of one registered model, kept current by the registry's Watch.
 * A new version is fetched, verified and parsed off to the side, then swapped in with one
 * reference assignment: a request reads `current()` once and is served wholly by the old or
 * the new version, so a promotion drops no call. A version that fails to load (a corrupted
 * artifact, an unparseable one) is refused: the previous version keeps serving, and the
 * failed switch is loud: written to stderr and kept in `failedSwitch()` (readiness and
 * metadata show it) until production changes again.
 */
export class ServedModel<M> {
  private loaded: Loaded<M> | null = null;
  private watch: Watch | null = null;
  private queue: Promise<void> = Promise.resolve();
  private error: Error | null = null;
  private failed: FailedSwitch | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    private readonly registry: RegistryView,
    private readonly parse: (content: Buffer, version: ModelVersion) => M | Promise<M>,
    /** Frees a replaced model, called `disposeAfterMs` after the swap (calls in flight finish first). */
    private readonly dispose?: (model: M) => void,
    private readonly disposeAfterMs = 5_000,
    /** Where a failed switch is reported (stderr: the service's log). */
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Starts following the registry; resolves once the first answer (maybe none) is applied. */
  async start(): Promise<void> {
    let first!: () => void;
    const firstApplied = new Promise<void>((resolve) => (first = resolve));
    this.watch = this.registry.watch(
      this.name,
      (event) => {
        this.queue = this.queue.then(() => this.apply(event.production)).finally(first);
      },
      {
        send_current: true,
        onError: (e) => {
          this.error = e instanceof Error ? e : new Error(String(e));
          first();
        },
      },
    );
    await firstApplied;
  }

  private async apply(production: ModelVersion | null): Promise<void> {
    if (production === null || production.version === this.loaded?.version.version) {
      // Production moved back to what serves (a rollback) or away: no switch is pending.
      this.failed = null;
      return;
    }
    try {
      const content = await this.registry.fetch(this.name, production.version);
      const model = await this.parse(content, production);
      const previous = this.loaded;
      this.loaded = Object.freeze({ version: production, model });
      if (previous && this.dispose) {
        const dispose = this.dispose;
        setTimeout(() => dispose(previous.model), this.disposeAfterMs).unref();
      }
      this.error = null;
      this.failed = null;
      for (const l of this.listeners) l();
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
      this.failed = Object.freeze({
        version: production.version,
        serving: this.loaded?.version.version ?? null,
        error_kind: this.error.name,
        error: this.error.message,
        at: new Date().toISOString(),
      });
      const serving = this.failed.serving === null ? 'nothing' : `version ${this.failed.serving}`;
      this.warn(
        `${this.name}: production version ${production.version} failed to load, ${serving} still serves: ${this.error.message}`,
      );
    }
  }

  /** The production version that failed to load while another (or none) serves; null when none. */
  failedSwitch(): FailedSwitch | null {
    return this.failed;
  }

  /** The version serving now, or null before any production version has loaded. */
  current(): Loaded<M> | null {
    return this.loaded;
  }

  /** The version serving now; UnavailableError when there is none. */
  require(): Loaded<M> {
    if (!this.loaded) {
      // The reason (it may name files) is in the service's log, not in the caller's error.
      const why = this.error
        ? ` (the last load failed: ${this.error.name}; see the service's log)`
        : '';
      throw new UnavailableError(`${this.name} has no production version loaded${why}`);
    }
    return this.loaded;
  }

  /** Why the last load failed (null after a success). */
  get lastError(): Error | null {
    return this.error;
  }

  /** Calls `listener` after each version swap. */
  onSwap(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for pending loads. */
  settled(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.watch?.close();
    this.watch = null;
  }
}
