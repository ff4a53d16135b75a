import { status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { fromGrpcError } from './grpc-status';

export interface ReconnectingStreamOptions {
  /** Wait before reopening a stream that ended or could not reach the server; default 1 s, 0: never. */
  readonly reconnectMs?: number;
  /** Every error: an unreachable server on every failed attempt, a message the caller could not take. */
  readonly onError?: (error: unknown) => void;
  /** The client's own state: a reopen scheduled before it closed does nothing. */
  readonly clientClosed?: () => boolean;
}

/**
 * Follows a server stream that should never end (Watch, WatchConfig): when it ends or the
 * server is unreachable it is opened again after `reconnectMs`, with `start(true)` so the
 * caller asks for the current state first and misses nothing; a refusal (a bad request) is
 * not retried. Returns the handle that stops it.
 */
export function reconnectingStream<T>(
  start: (reopened: boolean) => ClientReadableStream<T>,
  onMessage: (message: T) => void,
  options: ReconnectingStreamOptions = {},
): { close(): void } {
  const reconnectMs = options.reconnectMs ?? 1000;
  let closed = false;
  let stream: ClientReadableStream<T> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const open = (reopened: boolean): void => {
    // A retry scheduled by an earlier stream may fire after the watch or the client closed.
    if (closed || options.clientClosed?.()) return;
    let retried = false;
    const retry = (): void => {
      if (closed || retried || reconnectMs <= 0) return;
      retried = true;
      timer = setTimeout(() => open(true), reconnectMs);
      timer.unref();
    };
    const s = start(reopened);
    stream = s;
    s.on('data', (message: T) => {
      try {
        onMessage(message);
      } catch (error) {
        options.onError?.(error);
      }
    });
    s.on('error', (error: ServiceError) => {
      if (!closed) options.onError?.(fromGrpcError(error));
    });
    // The final status says why the stream stopped: ended by the server or unreachable is
    // worth another try; a refusal is not.
    s.on('status', ({ code }: { code: status }) => {
      if (code === status.OK || code === status.UNAVAILABLE) retry();
    });
  };
  open(false);
  return {
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      stream?.cancel();
    },
  };
}
