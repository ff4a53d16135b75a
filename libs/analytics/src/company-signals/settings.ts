/** How a connector talks to an external source: its rate limit and its retries. */
export interface ConnectorSettings {
  /** Token bucket: at most `burst` requests at once, refilled at `requests_per_second`. */
  readonly requests_per_second: number;
  readonly burst: number;
  /** Retries after a 429 or 5xx (or a network error) before the company is given up on. */
  readonly max_retries: number;
  /** Backoff without Retry-After: base * 2^attempt, capped at max. */
  readonly backoff_base_ms: number;
  readonly backoff_max_ms: number;
  /** A Retry-After longer than this is not waited for: the company fails with the reason. */
  readonly max_retry_after_ms: number;
  /** Each request's time limit. */
  readonly timeout_ms: number;
}

/** Crunchbase's Basic access allows 200 calls a minute; we stay under it. */
export const DEFAULT_CONNECTOR_SETTINGS: ConnectorSettings = Object.freeze({
  requests_per_second: 3,
  burst: 3,
  max_retries: 4,
  backoff_base_ms: 500,
  backoff_max_ms: 30_000,
  max_retry_after_ms: 120_000,
  timeout_ms: 15_000,
});
