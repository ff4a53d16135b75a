import {
  resultStatus,
  type CompanySignal,
  type CompanySignalConnector,
  type ConnectorResult,
} from './connector';
import { fetchWithRetry, REAL_CLOCK, TokenBucket, type ConnectorClock } from './rate-limit';
import { DEFAULT_CONNECTOR_SETTINGS, type ConnectorSettings } from './settings';

/** The environment variable holding the key; never a flag or a file in the repository. */
export const CRUNCHBASE_KEY_ENV = 'CRUNCHBASE_API_KEY';
export const CRUNCHBASE_BASE_URL = 'https://api.crunchbase.com/api/v4';

/** The parts of Crunchbase's v4 entity response (GET /entities/organizations/{permalink}) read here. */
interface CrunchbaseMoney {
  readonly value_usd?: number;
}
interface CrunchbaseRound {
  readonly identifier?: { readonly uuid?: string };
  readonly announced_on?: string;
  readonly investment_type?: string;
  readonly money_raised?: CrunchbaseMoney;
}
interface CrunchbaseEntity {
  readonly properties?: {
    readonly identifier?: { readonly uuid?: string; readonly value?: string };
    readonly num_employees_enum?: string;
  };
  readonly cards?: { readonly raised_funding_rounds?: readonly CrunchbaseRound[] };
}

export interface CrunchbaseOptions {
  /** Default: the environment's CRUNCHBASE_API_KEY. */
  readonly key?: string;
  readonly base_url?: string;
  readonly settings?: ConnectorSettings;
  /** Funding rounds announced before this day (YYYY-MM-DD) are not returned. */
  readonly since?: string;
  /** Company name -> Crunchbase permalink where the slug of the name is not it. */
  readonly permalinks?: Readonly<Record<string, string>>;
  /** The time the headcount is observed at (default now). */
  readonly now?: () => Date;
  /** How the rate limit and the retries wait (real time by default). */
  readonly clock?: ConnectorClock;
}

/** Crunchbase's permalink convention: lower case, runs of other characters as one hyphen. */
export function permalinkOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `c_00101_00250` -> 175.5 (the range's middle); `c_10001_max` -> 10001; unknown -> null. */
export function employeesOf(range: string | undefined): number | null {
  const m = /^c_(\d+)_(\d+|max)$/.exec(range ?? '');
  if (!m) return null;
  const low = Number(m[1]);
  return m[2] === 'max' ? low : (low + Number(m[2])) / 2;
}

/** Maps one organization's response into COMPANY_SIGNAL events. */
export function crunchbaseSignals(
  company: string,
  entity: CrunchbaseEntity,
  observedAt: Date,
  since?: string,
): CompanySignal[] {
  const out: CompanySignal[] = [];
  const org = entity.properties?.identifier?.uuid ?? permalinkOf(company);
  for (const r of entity.cards?.raised_funding_rounds ?? []) {
    if (!r.announced_on || (since && r.announced_on < since)) continue;
    out.push({
      event_id: `crunchbase-round-${r.identifier?.uuid ?? `${org}-${r.announced_on}`}`,
      event_type: 'COMPANY_SIGNAL',
      timestamp: `${r.announced_on}T00:00:00Z`,
      company,
      source: 'crunchbase',
      signal: 'funding_round',
      value: r.money_raised?.value_usd ?? 0,
      detail: { round: r.investment_type ?? 'unknown', currency: 'USD' },
    });
  }
  const employees = employeesOf(entity.properties?.num_employees_enum);
  if (employees !== null) {
    const day = observedAt.toISOString().slice(0, 10);
    out.push({
      event_id: `crunchbase-headcount-${org}-${day}`,
      event_type: 'COMPANY_SIGNAL',
      timestamp: observedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      company,
      source: 'crunchbase',
      signal: 'headcount',
      value: employees,
      detail: { range: entity.properties?.num_employees_enum },
    });
  }
  return out;
}

/**
 * The reference connector: Crunchbase's v4 Entity Lookup for organizations, one request per
 * company (`field_ids=identifier,num_employees_enum`, card `raised_funding_rounds`), the key
 * in the `X-cb-user-key` header. A 404 is "not found", not a failure.
 */
export class CrunchbaseConnector implements CompanySignalConnector {
  readonly source = 'crunchbase';
  private readonly key: string;
  private readonly base: string;
  private readonly settings: ConnectorSettings;
  private readonly bucket: TokenBucket;

  constructor(private readonly options: CrunchbaseOptions = {}) {
    const key = options.key ?? process.env[CRUNCHBASE_KEY_ENV];
    if (!key) throw new Error(`${CRUNCHBASE_KEY_ENV}: required (the Crunchbase API key), not set`);
    this.key = key;
    this.base = (options.base_url ?? CRUNCHBASE_BASE_URL).replace(/\/$/, '');
    this.settings = options.settings ?? DEFAULT_CONNECTOR_SETTINGS;
    this.bucket = new TokenBucket(
      this.settings.requests_per_second,
      this.settings.burst,
      options.clock ?? REAL_CLOCK,
    );
  }

  async fetchSignals(companies: readonly string[]): Promise<ConnectorResult> {
    const signals: CompanySignal[] = [];
    const notFound: string[] = [];
    const failures: { company: string; reason: string }[] = [];
    let requests = 0;
    let found = 0;
    for (const company of companies) {
      const permalink = this.options.permalinks?.[company] ?? permalinkOf(company);
      const url = `${this.base}/entities/organizations/${encodeURIComponent(permalink)}?field_ids=identifier,num_employees_enum&card_ids=raised_funding_rounds`;
      const got = await fetchWithRetry(
        url,
        { headers: { 'X-cb-user-key': this.key, accept: 'application/json' } },
        this.bucket,
        this.settings,
        this.options.clock,
      );
      requests += got.attempts;
      if (got.status === 'failed') {
        failures.push({ company, reason: got.reason });
        continue;
      }
      if (got.response.status === 404) {
        await got.response.body?.cancel();
        notFound.push(company);
        continue;
      }
      if (!got.response.ok) {
        await got.response.body?.cancel();
        failures.push({ company, reason: `HTTP ${got.response.status}` });
        continue;
      }
      try {
        const entity = (await got.response.json()) as CrunchbaseEntity;
        signals.push(
          ...crunchbaseSignals(
            company,
            entity,
            (this.options.now ?? (() => new Date()))(),
            this.options.since,
          ),
        );
        found++;
      } catch (e) {
        failures.push({
          company,
          reason: `unreadable response: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
    return Object.freeze({
      source: this.source,
      status: resultStatus(found, failures.length),
      signals: Object.freeze(signals),
      not_found: Object.freeze(notFound),
      failures: Object.freeze(failures),
      requests,
    });
  }
}
