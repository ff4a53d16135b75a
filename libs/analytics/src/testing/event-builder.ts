import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { EventStore } from '@hirelearn/store';

/** Hand-built event logs for known-answer tests: valid contract events with few knobs. */
export interface AppSpec {
  readonly user: string;
  readonly app: string;
  /** Submission time (ISO); created one minute before. */
  readonly at: string;
  readonly category?: 'reach' | 'target' | 'safety';
  readonly mode?: string;
  readonly title?: string;
  readonly seniority?: string;
  readonly location?: string;
  readonly industry?: string;
  readonly size?: string;
  readonly stage?: string;
  readonly resume?: string;
  readonly resume_score?: number;
  readonly tailored?: boolean;
  readonly fit?: number;
  /** Status changes: [status, ISO time, days to response]. */
  readonly outcomes?: readonly (readonly [string, string, number?])[];
}

let counter = 0;
const id = () => `ev-t-${(counter += 1)}`;

export function applicationEvents(s: AppSpec): object[] {
  const context = {
    strategy_mode: s.mode ?? 'BALANCED',
    fit_score: s.fit ?? 60,
    category: s.category ?? 'target',
    job_characteristics: {
      title: s.title ?? 'Data Engineer',
      company: 'Acme Corp',
      seniority: s.seniority ?? 'mid',
      location: s.location ?? 'Berlin',
      industry: s.industry ?? 'saas',
      company_size: s.size ?? '51-200',
      company_stage: s.stage ?? 'series_a',
    },
    resume_score: s.resume_score ?? 60,
    tailoring_applied: s.tailored ?? false,
  };
  const created = new Date(new Date(s.at).getTime() - 60_000).toISOString().replace('.000', '');
  const base = { user_id: s.user, application_id: s.app, job_id: `job-${s.app}` };
  const rv = s.resume ?? `rv-${s.user}-1`;
  return [
    {
      event_id: id(),
      event_type: 'APPLICATION_CREATED',
      timestamp: created,
      ...base,
      resume_version_id: rv,
      context,
    },
    {
      event_id: id(),
      event_type: 'APPLICATION_SUBMITTED',
      timestamp: s.at,
      ...base,
      resume_version_id: rv,
      context,
    },
    ...(s.outcomes ?? []).map(([status, at, days]) => ({
      event_id: id(),
      event_type: 'STATUS_CHANGED',
      timestamp: at,
      ...base,
      outcome: status === 'ghosted' ? { status } : { status, days_to_response: days ?? 1 },
    })),
  ];
}

export function profileEvent(
  user: string,
  at: string,
  profile: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): object {
  return {
    event_id: id(),
    event_type: 'USER_PROFILE_UPDATED',
    user_id: user,
    timestamp: at,
    profile: {
      years_experience: 4,
      seniority: 'mid',
      target_roles: ['Data Engineer'],
      industries: ['saas'],
      locations: ['Berlin'],
      education_level: 'bachelor',
      ...profile,
    },
    ...extra,
  };
}

export function event(type: string, at: string, fields: Record<string, unknown>): object {
  return { event_id: id(), event_type: type, timestamp: at, ...fields };
}

/** Ingests the events into a fresh in-memory store; the caller closes it. */
export async function storeOf(events: readonly object[]): Promise<EventStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-'));
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const store = await EventStore.open('duckdb::memory:');
    const report = await ingest(store, [file]);
    if (report.quarantined > 0) {
      const q = await store.rows('SELECT field, message FROM quarantine');
      throw new Error(`test events quarantined: ${JSON.stringify(q)}`);
    }
    return store;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
