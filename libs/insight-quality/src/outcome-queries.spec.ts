import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents, type EventType } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import { EventStore } from '@hirelearn/store';
import { loadUserOutcomes } from './outcome-queries';

/**
 * Users who do not share their data across users are left out of the quality figures (which
 * pool everyone delivered an insight), by every way the contract gives to say so: a
 * `USER_OPTED_OUT` of market insights or of all, or a profile withholding
 * `consent.market_insights`.
 */

const SHARING = 'u-sharing';
const WITHHOLDS_CONSENT = 'u-withholds-consent';
const OPTED_OUT_ALL = 'u-opted-out-all';
const OPTED_OUT_MARKET = 'u-opted-out-market';

function ev(type: EventType, user: string, fields: Record<string, unknown> = {}) {
  return { ...exampleEvents()[type], event_id: `${type}-${user}`, user_id: user, ...fields };
}

function userEvents(user: string, consent = true): Record<string, unknown>[] {
  const app = { application_id: `app-${user}` };
  const profile = exampleEvents().USER_PROFILE_UPDATED as { consent: object };
  return [
    ev('USER_PROFILE_UPDATED', user, {
      consent: { ...profile.consent, market_insights: consent },
    }),
    ev('APPLICATION_CREATED', user, app),
    ev('APPLICATION_SUBMITTED', user, app),
    ev('STATUS_CHANGED', user, app),
  ];
}

describe('the outcomes the quality figures pool', () => {
  let dir: string;
  let store: EventStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'insight-quality-outcomes-'));
    store = await EventStore.open(`duckdb://${path.join(dir, 'events.duckdb')}`);
    const lines = [
      ...userEvents(SHARING),
      ...userEvents(WITHHOLDS_CONSENT, false),
      ...userEvents(OPTED_OUT_ALL),
      ev('USER_OPTED_OUT', OPTED_OUT_ALL, { scope: 'all' }),
      ...userEvents(OPTED_OUT_MARKET),
      ev('USER_OPTED_OUT', OPTED_OUT_MARKET, { scope: 'market_insights' }),
    ];
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const report = await ingest(store, [file]);
    expect(report.quarantined).toBe(0);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves out every user who does not share their data across users', async () => {
    const users = new Set([SHARING, WITHHOLDS_CONSENT, OPTED_OUT_ALL, OPTED_OUT_MARKET]);
    const outcomes = await loadUserOutcomes(store, users);
    const withApplications = [...users].filter(
      (u) => (outcomes.get(u)?.applications.length ?? 0) > 0,
    );
    expect(withApplications).toEqual([SHARING]);
  });
});
