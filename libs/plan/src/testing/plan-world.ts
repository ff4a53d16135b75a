/**
 * A small hand-built world for the plan's store specs: users whose interview rates by category
 * are planted, ingested through the real ingest into an in-memory DuckDB store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { EventStore } from '@hirelearn/store';
import type { PlanCategory } from '../types';

/** Per category: [applications, of which interviews]. */
export type Planted = Readonly<Record<PlanCategory, readonly [number, number]>>;

/** Job seniority by category: a reach is a step up, a safety a step down from 'mid'. */
const JOB_SENIORITY: Record<PlanCategory, string> = {
  reach: 'senior',
  target: 'mid',
  safety: 'junior',
};

const DAY = 86_400_000;
const START = Date.parse('2025-09-01T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

export class PlanWorld {
  private readonly events: object[] = [];
  private n = 0;

  private id(): string {
    return `ev-plan-${(this.n += 1)}`;
  }

  profile(
    user: string,
    seniority = 'mid',
    targetRoles: readonly string[] = ['Data Engineer'],
  ): this {
    this.events.push({
      event_id: this.id(),
      event_type: 'USER_PROFILE_UPDATED',
      user_id: user,
      timestamp: iso(START - DAY),
      profile: {
        years_experience: 4,
        seniority,
        target_roles: targetRoles,
        industries: ['saas'],
        locations: ['Berlin'],
        education_level: 'bachelor',
      },
    });
    return this;
  }

  /** Applications with the planted outcomes, one every few hours, each answered. */
  applications(user: string, planted: Planted): this {
    let t = START;
    for (const [category, [n, interviews]] of Object.entries(planted) as [
      PlanCategory,
      readonly [number, number],
    ][]) {
      for (let i = 0; i < n; i++) {
        t += 7 * 3_600_000;
        const app = `${user}-${category}-${i}`;
        const context = {
          strategy_mode: 'BALANCED',
          fit_score: 60,
          category,
          job_characteristics: {
            title: 'Data Engineer',
            company: 'Acme',
            seniority: JOB_SENIORITY[category],
            location: 'Berlin',
          },
          resume_score: 70,
          tailoring_applied: false,
        };
        const base = { user_id: user, application_id: app, job_id: `job-${app}` };
        const rv = { resume_version_id: `rv-${user}` };
        this.events.push(
          {
            event_id: this.id(),
            event_type: 'APPLICATION_CREATED',
            timestamp: iso(t - 60_000),
            ...base,
            ...rv,
            context,
          },
          {
            event_id: this.id(),
            event_type: 'APPLICATION_SUBMITTED',
            timestamp: iso(t),
            ...base,
            ...rv,
            context,
          },
          {
            event_id: this.id(),
            event_type: 'STATUS_CHANGED',
            timestamp: iso(t + 3 * DAY),
            ...base,
            outcome: { status: i < interviews ? 'interview' : 'rejected', days_to_response: 3 },
          },
        );
      }
    }
    return this;
  }

  /** A JOB_POSTED `day` days after the world's start. */
  posting(title: string, seniority: string, day: number): this {
    this.events.push({
      event_id: this.id(),
      event_type: 'JOB_POSTED',
      timestamp: iso(START + day * DAY),
      job_id: `job-posted-${this.n}`,
      title,
      company: 'Acme',
      seniority,
      location: 'Berlin',
      industry: 'saas',
    });
    return this;
  }

  optOut(user: string, scope: 'personalization' | 'market_insights' | 'all'): this {
    this.events.push({
      event_id: this.id(),
      event_type: 'USER_OPTED_OUT',
      user_id: user,
      timestamp: iso(START + 200 * DAY),
      scope,
    });
    return this;
  }

  erase(user: string): this {
    this.events.push({
      event_id: this.id(),
      event_type: 'USER_DELETION_REQUESTED',
      user_id: user,
      timestamp: iso(START + 201 * DAY),
    });
    return this;
  }

  /** The events through the real ingest into a fresh in-memory store; the caller closes it. */
  async store(): Promise<EventStore> {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-world-'));
    try {
      const file = path.join(dir, 'events.ndjson');
      writeFileSync(file, this.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const store = await EventStore.open('duckdb::memory:');
      const report = await ingest(store, [file]);
      if (report.quarantined > 0)
        throw new Error(
          `plan world events quarantined: ${JSON.stringify(await store.rows('SELECT field, message FROM quarantine'))}`,
        );
      return store;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
