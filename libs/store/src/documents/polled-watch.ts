import { SerialCheck } from './serial-check';

/**
 * A watch that follows documents by polling: what the registry's model watches and the
 * configuration channel's watches share. Checks run one at a time (SerialCheck); close stops
 * them and tells the owner once; a failing listener never stops the watch, and nothing is
 * delivered after close. A subclass says how one check reads what changed (`poll`).
 */
export abstract class PolledWatch<E> {
  private closed = false;
  private readonly checks: SerialCheck;

  constructor(
    private readonly listener: (event: E) => void,
    private readonly onClose: () => void,
    onError?: (error: unknown) => void,
  ) {
    this.checks = new SerialCheck(() => this.poll(), onError);
  }

  /** Looks for changes now (or right after the check that is running). */
  check(): Promise<void> {
    return this.checks.run();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.checks.close();
    this.onClose();
  }

  /** One check: reads what changed since the last one and emits it, in order. */
  protected abstract poll(): Promise<void>;

  protected emit(event: E): void {
    if (this.closed) return;
    try {
      this.listener(event);
    } catch {
      // A failing listener must not stop the watch.
    }
  }
}
