/**
 * Runs a watcher's check one at a time: a check asked for while one runs runs once right
 * after it (however many were asked for), so a change seen by a poll and a local notice at
 * once is read once, and none is missed. Errors go to onError; the check goes on working.
 * The registry's model watches and the configuration channel's watches both follow documents
 * this way.
 */
export class SerialCheck {
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly check: () => Promise<void>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Checks now, or right after the check that is running. */
  async run(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.check();
      } while (this.again && !this.closed);
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
  }

  /** No check starts after this. */
  close(): void {
    this.closed = true;
  }
}
