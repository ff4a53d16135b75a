import type { EventOf } from '@hirelearn/contract';

/** A signal as the contract's `COMPANY_SIGNAL` event carries it (ready to ingest). */
export type CompanySignal = EventOf<'COMPANY_SIGNAL'>;

export interface CompanyFailure {
  readonly company: string;
  readonly reason: string;
}

/** What one fetch brought back: signals for the companies found, a reason for each not. */
export interface ConnectorResult {
  readonly source: string;
  readonly status: 'ok' | 'partial' | 'failed';
  readonly signals: readonly CompanySignal[];
  readonly not_found: readonly string[];
  readonly failures: readonly CompanyFailure[];
  readonly requests: number;
}

/**
 * An external source of company signals (Crunchbase, LinkedIn, Glassdoor, ...): given company
 * names, their signals in the shape of `COMPANY_SIGNAL`, so they go through ingest like any
 * event. Keys come from the environment; rate limits and retries are the connector's job.
 */
export interface CompanySignalConnector {
  readonly source: string;
  fetchSignals(companies: readonly string[]): Promise<ConnectorResult>;
}

/** The status of a fetch from its parts. */
export function resultStatus(found: number, failures: number): ConnectorResult['status'] {
  if (failures === 0) return 'ok';
  return found > 0 ? 'partial' : 'failed';
}
