import type { ConnectorSettings } from './settings';

/** The time a connector waits by: real by default; a test passes a virtual one. */
export interface ConnectorClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: ConnectorClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: `capacity` tokens, refilled continuously at `perSecond`; `take` waits until
 * a token is there. Callers share one bucket per source, so concurrent fetches respect it too.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly clock: ConnectorClock = REAL_CLOCK,
  ) {
    if (!(perSecond > 0)) throw new RangeError('requests_per_second must be > 0');
    if (!(capacity >= 1)) throw new RangeError('burst must be >= 1');
    this.tokens = capacity;
    this.last = clock.now();
  }

  /** Resolves when a token has been taken (in call order). */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await this.clock.sleep(((1 - this.tokens) / this.perSecond) * 1000);
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }

  private refill(): void {
    const t = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 10.2.3); null if absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export type FetchOutcome =
  | { readonly status: 'ok'; readonly response: Response; readonly attempts: number }
  | { readonly status: 'failed'; readonly reason: string; readonly attempts: number };

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * GET with the bucket's rate limit and retries on 429, 5xx and network errors: the server's
 * Retry-After when it sends one (up to `max_retry_after_ms`), else exponential backoff. Any
 * other status is final (a 404 is an answer, not a fault). Failures are results with a reason.
 */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  bucket: TokenBucket,
  s: ConnectorSettings,
  clock: ConnectorClock = REAL_CLOCK,
): Promise<FetchOutcome> {
  let reason = '';
  for (let attempt = 0; attempt <= s.max_retries; attempt++) {
    await bucket.take();
    let wait = Math.min(s.backoff_max_ms, s.backoff_base_ms * 2 ** attempt);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(s.timeout_ms) });
      if (!retryable(response.status)) return { status: 'ok', response, attempts: attempt + 1 };
      reason = `HTTP ${response.status}`;
      await response.body?.cancel();
      const after = retryAfterMs(response.headers.get('retry-after'));
      if (after !== null) {
        if (after > s.max_retry_after_ms)
          return {
            status: 'failed',
            reason: `${reason}: Retry-After ${Math.round(after / 1000)} s exceeds max_retry_after_ms`,
            attempts: attempt + 1,
          };
        wait = after;
      }
    } catch (e) {
      reason = `network: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (attempt < s.max_retries) await clock.sleep(wait);
  }
  return {
    status: 'failed',
    reason: `${reason} after ${s.max_retries + 1} attempts`,
    attempts: s.max_retries + 1,
  };
}
