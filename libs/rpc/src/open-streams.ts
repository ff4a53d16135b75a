import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * The open server streams of a service (Watch, WatchConfig, WatchHealth): they never end by
 * themselves, so a server ends them all before it shuts down. Each stream releases what feeds
 * it (a watch, a subscription) when the client cancels or the call closes, and when ended.
 */
export class OpenStreams {
  private readonly finishers = new Set<() => void>();

  /**
   * Follows one stream: `release` stops what feeds it; `end` ends it (default `call.end()`;
   * a stream with writes still queued ends after them).
   */
  follow(
    call: ServerWritableStream<unknown, unknown>,
    release: () => void,
    end: () => void = () => call.end(),
  ): void {
    const stop = (): void => {
      release();
      this.finishers.delete(finish);
    };
    const finish = (): void => {
      stop();
      end();
    };
    this.finishers.add(finish);
    call.on('cancelled', stop);
    call.on('close', stop);
  }

  /** Ends every open stream. */
  endAll(): void {
    for (const finish of [...this.finishers]) finish();
  }
}
