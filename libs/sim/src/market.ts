import type { EventOf } from '@hirelearn/contract';
import { SimRng, clip, round1, streamSeed } from './rng';
import type { Schedule } from './schedule';
import type { SimSettings } from './settings';
import { DAY_MS, HOUR_MS, MINUTE_MS, addMonths, dayOfYear, iso } from './time';
import {
  CITIES,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  INDUSTRIES,
  LEVELS,
  LEVEL_TITLES,
  LEVEL_YEARS,
  REMOTE,
  ROLES,
  ROLE_SKILLS,
  type Level,
  type Role,
} from './vocabulary';

type CompanySize = NonNullable<EventOf<'JOB_POSTED'>['company_size']>;
type CompanyStage = 'seed' | 'series_a' | 'series_b' | 'series_c_plus' | 'public' | 'private';

/** A hiring company; `heat` (hidden) drives its signals and the signal part of fit. */
export interface Company {
  readonly name: string;
  readonly industry: string;
  readonly size: CompanySize;
  readonly stage: CompanyStage;
  readonly heat: number;
}

export interface Job {
  readonly id: string;
  /** Posting number, 1-based: a cheap key for "already applied" sets. */
  readonly seq: number;
  readonly role: Role;
  readonly level: Level;
  readonly levelIndex: number;
  readonly title: string;
  readonly company: Company;
  readonly location: string;
  readonly skills: readonly string[];
  readonly requiredYears: number;
  readonly postedAt: number;
}

const SIZES: readonly CompanySize[] = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5000+',
];
const STAGES: readonly CompanyStage[] = [
  'seed',
  'series_a',
  'series_b',
  'series_c_plus',
  'public',
  'private',
];
const LEVEL_SHARES = [0.2, 0.32, 0.3, 0.12, 0.06];
const LEVEL_SALARY = [70, 95, 130, 165, 200];

/**
 * The job market: companies, postings with yearly seasonality and one role's change point,
 * and company signals. Postings stay visible to job seekers for `jobWindowDays`.
 */
export class Market {
  readonly companies: readonly Company[];
  private readonly rng: SimRng;
  private readonly recent = new Map<Role, Job[]>();
  private jobCount = 0;
  private signalCount = 0;
  private readonly startMs: number;
  private readonly changeAt: number;
  private readonly jobsPerDay: number;

  constructor(private readonly settings: SimSettings) {
    this.rng = new SimRng(streamSeed(settings.seed, 'market'));
    this.startMs = Date.parse(settings.startDate);
    this.changeAt = addMonths(this.startMs, settings.market.changePoint.atMonth);
    const m = settings.market;
    this.jobsPerDay = Math.max(m.minJobsPerDay, (settings.users * m.jobsPerUserPerMonth) / 30);
    this.companies = this.makeCompanies();
    for (const role of ROLES) this.recent.set(role, []);
  }

  /** When the change point takes effect (ms). */
  get changePointAt(): number {
    return this.changeAt;
  }

  /** Demand multiplier of a role on a day: seasonality times the change point. */
  demand(role: Role, at: number): number {
    const { seasonality, changePoint } = this.settings.market;
    const season =
      1 +
      seasonality.amplitude *
        Math.cos((2 * Math.PI * (dayOfYear(at) - seasonality.peakDayOfYear)) / 365.25);
    const change = role === changePoint.role && at >= this.changeAt ? changePoint.multiplier : 1;
    return season * change;
  }

  /** Jobs of a role posted within the window before `at`. */
  openJobs(role: Role, at: number): readonly Job[] {
    const jobs = this.recent.get(role) ?? [];
    const oldest = at - this.settings.market.jobWindowDays * DAY_MS;
    let drop = 0;
    while (drop < jobs.length && jobs[drop].postedAt < oldest) drop++;
    if (drop > 0) jobs.splice(0, drop);
    return jobs;
  }

  /** Posts the day's jobs and company signals. */
  step(day: number, schedule: Schedule): void {
    const dayStart = this.startMs + day * DAY_MS;
    const shares = this.settings.market.roleShares;
    for (const role of ROLES) {
      const count = this.rng.poisson(this.jobsPerDay * shares[role] * this.demand(role, dayStart));
      for (let i = 0; i < count; i++)
        this.postJob(
          role,
          dayStart + this.rng.int(6, 20) * HOUR_MS + this.rng.int(0, 59) * MINUTE_MS,
          schedule,
        );
    }
    this.signals(day, dayStart, schedule);
  }

  private makeCompanies(): Company[] {
    const names = new Set<string>();
    const out: Company[] = [];
    while (out.length < this.settings.market.companies) {
      let name = `${this.rng.pick(COMPANY_PREFIXES)}${this.rng.pick(COMPANY_SUFFIXES).toLowerCase()}`;
      if (names.has(name)) name = `${name} ${this.rng.pick(['Inc', 'Group', 'Co', 'AI', 'HQ'])}`;
      if (names.has(name)) continue;
      names.add(name);
      const stage = this.rng.pick(STAGES);
      const sizeIndex = clip(STAGES.indexOf(stage) + this.rng.int(-1, 2), 0, SIZES.length - 1);
      out.push({
        name,
        industry: this.rng.pick(INDUSTRIES),
        size: SIZES[sizeIndex],
        stage,
        heat: this.rng.normal(),
      });
    }
    return out;
  }

  private postJob(role: Role, at: number, schedule: Schedule): void {
    const rng = this.rng;
    const levelIndex = rng.weightedIndex(LEVEL_SHARES);
    const level = LEVELS[levelIndex];
    const company = rng.pick(this.companies);
    const id = `job-${String(++this.jobCount).padStart(6, '0')}`;
    const title = `${LEVEL_TITLES[level]} ${role}`.trim();
    const location = rng.chance(0.25) ? REMOTE : rng.pick(CITIES);
    const skills = rng.sample(ROLE_SKILLS[role], rng.int(4, 6));
    const base = LEVEL_SALARY[levelIndex] * (0.9 + 0.2 * rng.uniform());
    const job: Job = {
      id,
      seq: this.jobCount,
      role,
      level,
      levelIndex,
      title,
      company,
      location,
      skills,
      requiredYears: LEVEL_YEARS[level],
      postedAt: at,
    };
    this.recent.get(role)?.push(job);
    const event: EventOf<'JOB_POSTED'> = {
      event_id: `ev-${id}`,
      event_type: 'JOB_POSTED',
      timestamp: iso(at),
      job_id: id,
      title,
      company: company.name,
      seniority: level,
      location,
      industry: company.industry,
      company_size: company.size,
      salary_min: Math.round(base) * 1000,
      salary_max: Math.round(base * 1.25) * 1000,
      skills,
    };
    schedule(event, at);
  }

  /** Ratings monthly, headcount quarterly, funding rounds now and then. */
  private signals(day: number, dayStart: number, schedule: Schedule): void {
    const date = new Date(dayStart);
    const monthStart = date.getUTCDate() === 1;
    const quarterStart = monthStart && date.getUTCMonth() % 3 === 0;
    for (const company of this.companies) {
      const at = dayStart + this.rng.int(0, 5) * HOUR_MS + this.rng.int(0, 59) * MINUTE_MS;
      if (day === 0 || monthStart) {
        this.signal(
          company,
          'glassdoor',
          'rating',
          round1(clip(3.6 + 0.35 * company.heat + this.rng.normal(0, 0.15), 1, 5)),
          at,
          schedule,
        );
      }
      if (day === 0 || quarterStart) {
        const base = [6, 30, 120, 350, 750, 2500, 12000][SIZES.indexOf(company.size)];
        const growth = 1 + 0.02 * company.heat * (day / 90 + 1);
        this.signal(
          company,
          'linkedin',
          'headcount',
          Math.round(base * growth * (0.9 + 0.2 * this.rng.uniform())),
          at,
          schedule,
        );
      }
      if (
        this.rng.chance(
          this.settings.market.fundingRoundDailyRate * (1 + Math.max(0, company.heat)),
        )
      ) {
        const round = this.rng.pick(['seed', 'series_a', 'series_b', 'series_c']);
        const amount = { seed: 3, series_a: 15, series_b: 45, series_c: 120 }[round] ?? 10;
        this.signal(
          company,
          'crunchbase',
          'funding_round',
          round1(amount * (0.6 + this.rng.uniform())),
          at,
          schedule,
          { round, currency: 'USD_millions' },
        );
      }
    }
  }

  private signal(
    company: Company,
    source: string,
    signal: string,
    value: number,
    at: number,
    schedule: Schedule,
    detail?: Record<string, unknown>,
  ): void {
    const event: EventOf<'COMPANY_SIGNAL'> = {
      event_id: `ev-sig-${String(++this.signalCount).padStart(6, '0')}`,
      event_type: 'COMPANY_SIGNAL',
      timestamp: iso(at),
      company: company.name,
      source,
      signal,
      value,
      ...(detail ? { detail } : {}),
    };
    schedule(event, at);
  }
}
