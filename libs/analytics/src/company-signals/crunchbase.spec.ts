import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateEvent } from '@hirelearn/contract';
import { CRUNCHBASE_KEY_ENV, CrunchbaseConnector, employeesOf, permalinkOf } from './crunchbase';
import { retryAfterMs, TokenBucket, type ConnectorClock } from './rate-limit';
import { DEFAULT_CONNECTOR_SETTINGS } from './settings';

/** Shaped as Crunchbase v4 documents its Entity Lookup for an organization. */
const ACME = {
  properties: {
    identifier: {
      uuid: 'd8f5b1a2-0000-4000-8000-000000000001',
      value: 'Acme Robotics',
      permalink: 'acme-robotics',
      entity_def_id: 'organization',
    },
    num_employees_enum: 'c_00101_00250',
  },
  cards: {
    raised_funding_rounds: [
      {
        identifier: {
          uuid: 'round-b',
          value: 'Series B - Acme Robotics',
          entity_def_id: 'funding_round',
        },
        announced_on: '2025-05-02',
        investment_type: 'series_b',
        money_raised: { value: 45000000, currency: 'USD', value_usd: 45000000 },
      },
      {
        identifier: {
          uuid: 'round-a',
          value: 'Series A - Acme Robotics',
          entity_def_id: 'funding_round',
        },
        announced_on: '2023-01-10',
        investment_type: 'series_a',
        money_raised: { value: 12000000, currency: 'USD', value_usd: 12000000 },
      },
    ],
  },
};
const NOT_FOUND = { error: 'Entity not found', code: 'MD404' };

interface Hit {
  readonly path: string;
  readonly key: string | undefined;
}

describe('Crunchbase connector against a local replay of its documented responses', () => {
  let server: Server;
  let base: string;
  const hits: Hit[] = [];
  /** Per permalink, the statuses to answer in turn before the document (200). */
  const script: Record<string, number[]> = {};

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '').split('?')[0];
      hits.push({
        path,
        key: req.headers['x-cb-user-key'] as string | undefined,
      });
      const permalink = path.split('/').pop() ?? '';
      const next = script[permalink]?.shift();
      if (next === 429) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        return res.end('{"error":"rate limit exceeded"}');
      }
      if (next === 500) {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end('{"error":"internal"}');
      }
      if (permalink !== 'acme-robotics') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(NOT_FOUND));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ACME));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    hits.length = 0;
    waits.length = 0;
  });

  const fast = {
    ...DEFAULT_CONNECTOR_SETTINGS,
    requests_per_second: 50,
    burst: 5,
    backoff_base_ms: 50,
  };
  /** Virtual time: every wait is recorded and passes at once, so no assertion depends on the machine's speed. */
  const waits: number[] = [];
  let virtual = 0;
  const clock: ConnectorClock = {
    now: () => virtual,
    sleep: async (ms) => {
      waits.push(ms);
      virtual += ms;
    },
  };
  const connector = (settings = fast) =>
    new CrunchbaseConnector({
      clock,
      key: 'test-key',
      base_url: base,
      settings,
      since: '2024-01-01',
      now: () => new Date('2025-06-30T12:00:00Z'),
    });

  it('maps an organization into COMPANY_SIGNAL events the contract accepts', async () => {
    const r = await connector().fetchSignals(['Acme Robotics', 'Nobody Inc']);
    expect(r.status).toBe('ok');
    expect(r.not_found).toEqual(['Nobody Inc']);
    expect(hits.map((h) => h.path)).toEqual([
      '/api/v4/entities/organizations/acme-robotics',
      '/api/v4/entities/organizations/nobody-inc',
    ]);
    expect(hits.every((h) => h.key === 'test-key')).toBe(true);
    expect(r.signals.map((s) => [s.signal, s.value, s.timestamp])).toEqual([
      ['funding_round', 45000000, '2025-05-02T00:00:00Z'],
      ['headcount', 175.5, '2025-06-30T12:00:00Z'],
    ]);
    for (const s of r.signals)
      expect(validateEvent(s, new Date('2025-07-01T00:00:00Z')).ok).toBe(true);
  });

  it('waits out a 429 for its Retry-After and backs off after a 500, then succeeds', async () => {
    script['acme-robotics'] = [429, 500];
    const r = await connector().fetchSignals(['Acme Robotics']);
    expect(r.status).toBe('ok');
    expect(r.requests).toBe(3);
    expect(hits).toHaveLength(3);
    expect(waits).toEqual([1000, 100]); // Retry-After: 1, then 50 ms * 2^1
  });

  it('gives up after max_retries with the reason, and goes on with the next company', async () => {
    script['acme-robotics'] = [500, 500, 500];
    const r = await connector({ ...fast, max_retries: 2 }).fetchSignals([
      'Acme Robotics',
      'Nobody Inc',
    ]);
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([{ company: 'Acme Robotics', reason: 'HTTP 500 after 3 attempts' }]);
    expect(r.not_found).toEqual(['Nobody Inc']);
  });

  it('keeps to the rate limit (token bucket)', async () => {
    const slow = { ...fast, requests_per_second: 10, burst: 1 };
    await connector(slow).fetchSignals(['a', 'b', 'c', 'd', 'e']);
    expect(hits).toHaveLength(5);
    expect(waits).toHaveLength(4); // the burst of 1 covers the first; each other waits a refill
    for (const w of waits) expect(w).toBeCloseTo(100, 6); // 1 token at 10/s
  });

  it('takes its key from the environment only, and says which variable is missing', () => {
    const saved = process.env[CRUNCHBASE_KEY_ENV];
    delete process.env[CRUNCHBASE_KEY_ENV];
    try {
      expect(() => new CrunchbaseConnector({ base_url: base })).toThrow(/CRUNCHBASE_API_KEY/);
      process.env[CRUNCHBASE_KEY_ENV] = 'from-env';
      expect(() => new CrunchbaseConnector({ base_url: base })).not.toThrow();
    } finally {
      if (saved === undefined) delete process.env[CRUNCHBASE_KEY_ENV];
      else process.env[CRUNCHBASE_KEY_ENV] = saved;
    }
  });

  it('reads Retry-After, permalinks and employee ranges as documented', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeNull();
    expect(permalinkOf('Acme Robotics, Inc.')).toBe('acme-robotics-inc');
    expect(employeesOf('c_10001_max')).toBe(10001);
    expect(employeesOf(undefined)).toBeNull();
    expect(() => new TokenBucket(0, 1)).toThrow(/requests_per_second/);
  });
});
