/** A loop of calls running in the background; see keepCalling. */
export interface CallingLoop {
  /** The model version each successful call was answered by, in order. */
  readonly seen: readonly number[];
  /** How many calls failed so far. */
  readonly failures: number;
  /** Resolves once the latest answer came from `version`; rejects after `ms`. */
  until(version: number, ms?: number): Promise<void>;
  /** Ends the loop after the call in flight. */
  stop(): Promise<void>;
}

/**
 * Calls `call` (which answers with the model version that served it) back to back until
 * stopped, counting failures: what a spec uses to show that a promotion or a rollback
 * switches the version served without a failed call.
 */
export function keepCalling(call: () => Promise<number>): CallingLoop {
  const seen: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        seen.push(await call());
      } catch {
        failures += 1;
      }
    }
  })();
  return {
    seen,
    get failures() {
      return failures;
    },
    async until(version, ms = 10_000) {
      const start = Date.now();
      while (seen[seen.length - 1] !== version) {
        if (Date.now() - start > ms) throw new Error(`version ${version} never served`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
