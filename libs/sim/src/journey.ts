import type { EventOf, HirelearnEvent } from '@hirelearn/contract';
import type { EffectAccumulator } from './effects';
import type { Job, Market } from './market';
import {
  editBit,
  interviewProbability,
  reportedFitScore,
  strategyModeFor,
  type ApplicationState,
  type FitComponents,
} from './outcome-model';
import { ResumeDraft } from './resume';
import { SimRng, clip, round1, sigmoid, streamSeed } from './rng';
import { GAPS, REJECTION_REASONS, REWRITE_TYPE, SUGGESTION_TEXT } from './edit-copy';
import { measureFit } from './fit-components';
import { recruiterResponses } from './recruiter';
import type { Schedule } from './schedule';
import type { SimSettings } from './settings';
import { DAY_MS, HOUR_MS, MINUTE_MS, hourOf, iso, weekdayOf } from './time';
import type { SimUser } from './users';
import { EDIT_TYPES, REMOTE, type EditType, type Role, type StrategyMode } from './vocabulary';

/**
 * An event's own fields, without the envelope the journey fills in. The contract's objects
 * are loose (an index signature for unknown fields), which would make `Omit` accept
 * anything; dropping the index signature keeps every emitted body checked.
 */
type EventBody<T extends HirelearnEvent['event_type']> = Omit<
  KnownFields<EventOf<T>>,
  'event_id' | 'user_id' | 'timestamp'
>;
type KnownFields<E> = {
  [K in keyof E as string extends K ? never : number extends K ? never : K]: E[K];
};

/** One application as the simulator knows it, hidden parts included (in-memory worlds only). */
export interface ApplicationTruth {
  readonly application_id: string;
  readonly user_id: string;
  readonly job_role: Role;
  readonly probability: number;
  readonly interviewed: boolean;
  readonly edit_types: readonly EditType[];
  readonly tailoring_applied: boolean;
  readonly submitted_on_tuesday: boolean;
  readonly submitted_in_morning: boolean;
  readonly resume_score: number;
  readonly strategy_mode: StrategyMode;
  readonly experiment_treated: boolean;
  readonly skill: number;
}

/** What a journey needs from the world around it. */
export interface JourneyContext {
  readonly settings: SimSettings;
  readonly market: Market;
  readonly schedule: Schedule;
  readonly effects: EffectAccumulator;
  readonly onApplication?: (row: ApplicationTruth) => void;
}

/**
 * One job seeker's life in the world, advanced a day at a time: onboarding, resume edits
 * (spontaneous or suggested), strategy mode changes, applications and their outcomes.
 * Every draw comes from the user's own stream.
 */
export class UserJourney {
  private readonly rng: SimRng;
  private readonly draft: ResumeDraft;
  private readonly weekdayWeights: number[];
  private score: number;
  private mode: StrategyMode;
  private version = 1;
  private carried = 0;
  private seq = 0;
  private appCount = 0;
  private suggestionCount = 0;
  private readonly interviewTimes: number[] = [];
  private readonly recentApps: number[] = [];
  private readonly applied = new Set<number>();
  private nextSuggestion = 0;
  private done = false;
  readonly shownSuggestions: EditType[] = [];
  readonly acceptedSuggestions: EditType[] = [];

  constructor(
    readonly user: SimUser,
    private readonly ctx: JourneyContext,
  ) {
    this.rng = new SimRng(streamSeed(ctx.settings.seed, 'journey', user.index));
    this.draft = new ResumeDraft(
      user,
      this.rng,
      ctx.market.companies,
      ctx.settings.population.dayOneSignal,
    );
    this.score = round1(
      clip(
        52 + 10 * user.organisation + 4 * user.skill + 0.3 * user.years + this.rng.normal(0, 7),
        15,
        95,
      ),
    );
    this.mode = strategyModeFor(ctx.settings, this.score);
    const b = ctx.settings.behaviour;
    const raw = [
      b.weekendActivity,
      1,
      1 + b.tuesdayBoost * user.tuesdayAffinity,
      1,
      1,
      1,
      b.weekendActivity,
    ];
    const mean = raw.reduce((s, w) => s + w, 0) / 7;
    this.weekdayWeights = raw.map((w) => w / mean);
  }

  /** Edit types the current resume version carries. */
  get carriedTypes(): EditType[] {
    return EDIT_TYPES.filter((t) => (this.carried & editBit(t)) !== 0);
  }

  step(day: number, dayStart: number): void {
    const u = this.user;
    if (this.done || day < u.signupDay) return;
    const dayEnd = dayStart + DAY_MS;
    if (day === u.signupDay) {
      this.onboard(u.signupAt);
      return;
    }
    const today = (at: number | null | undefined): at is number =>
      at != null && at >= dayStart && at < dayEnd && (u.deletionAt === null || at < u.deletionAt);
    if (today(u.profileUpdateAt)) this.updateProfile(u.profileUpdateAt);
    if (u.optOut && today(u.optOut.at)) {
      this.emit<'USER_OPTED_OUT'>(
        { event_type: 'USER_OPTED_OUT', scope: u.optOut.scope },
        u.optOut.at,
      );
    }
    if (u.deletionAt !== null && u.deletionAt < dayEnd) {
      this.emit<'USER_DELETION_REQUESTED'>({ event_type: 'USER_DELETION_REQUESTED' }, u.deletionAt);
      this.done = true;
      return;
    }
    this.session(dayStart, dayEnd);
  }

  private session(dayStart: number, dayEnd: number): void {
    const s = this.ctx.settings;
    const rng = this.rng;
    const u = this.user;
    const morning = rng.chance(u.tuesdayAffinity);
    const startHour = morning ? rng.int(7, 9) : rng.int(8, 20);
    let t = dayStart + startHour * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
    const gap = () => (t += rng.int(2, 20) * MINUTE_MS);

    while (
      this.nextSuggestion < u.suggestions.length &&
      u.suggestions[this.nextSuggestion].at < dayEnd
    ) {
      this.suggest(u.suggestions[this.nextSuggestion++].editType, t);
      gap();
    }
    const types = this.spontaneousEditTypes();
    if (types.length > 0) {
      this.edit(types, false, t);
      gap();
    }
    const weekday = weekdayOf(dayStart);
    const count = rng.poisson(
      s.strategy.dailyApplyRate[this.mode] * u.activity * this.weekdayWeights[weekday],
    );
    for (let i = 0; i < count; i++) {
      this.apply(t);
      gap();
    }
  }

  private onboard(at: number): void {
    const u = this.user;
    this.emit<'USER_PROFILE_UPDATED'>(
      {
        event_type: 'USER_PROFILE_UPDATED',
        profile: u.profile,
        consent: { ...u.consent },
        ...(u.protectedAttributes ? { protected_attributes: { ...u.protectedAttributes } } : {}),
      },
      at,
    );
    this.snapshot(at + 2 * MINUTE_MS);
    this.emit<'EXPERIMENT_EXPOSURE'>(
      {
        event_type: 'EXPERIMENT_EXPOSURE',
        experiment_id: this.ctx.settings.experiment.id,
        variant_id: u.experimentVariant,
      },
      at + 3 * MINUTE_MS,
    );
    this.emitMode(undefined, at + 4 * MINUTE_MS);
  }

  private updateProfile(at: number): void {
    const u = this.user;
    const profile = {
      ...u.profile,
      salary_target: (u.profile.salary_target ?? 80000) + this.rng.int(-2, 4) * 5000,
      locations: u.profile.locations.includes(REMOTE)
        ? u.profile.locations
        : [...u.profile.locations, REMOTE],
    };
    this.emit<'USER_PROFILE_UPDATED'>(
      {
        event_type: 'USER_PROFILE_UPDATED',
        profile,
        consent: { ...u.consent },
        ...(u.protectedAttributes ? { protected_attributes: { ...u.protectedAttributes } } : {}),
      },
      at,
    );
  }

  /** The randomized suggestion: shown whatever the user is like; the user decides. */
  private suggest(type: EditType, at: number): void {
    const s = this.ctx.settings.suggestions;
    const suggestionId = `sg-${this.user.id}-${++this.suggestionCount}`;
    const content = { edit_type: type, text: SUGGESTION_TEXT[type] };
    this.shownSuggestions.push(type);
    const already = (this.carried & editBit(type)) !== 0;
    const base = {
      suggestion_type: 'rewrite' as const,
      suggested_content: content,
      suggestion_id: suggestionId,
      edit_type: type,
    };
    if (already || !this.rng.chance(s.acceptRate)) {
      this.emit<'SUGGESTION_REJECTED'>(
        {
          event_type: 'SUGGESTION_REJECTED',
          ...base,
          rejection_reason: already ? 'already_done' : this.rng.pick(REJECTION_REASONS.slice(0, 3)),
        },
        at,
      );
      return;
    }
    this.acceptedSuggestions.push(type);
    if (this.rng.chance(s.editedRate)) {
      this.emit<'SUGGESTION_EDITED'>(
        {
          event_type: 'SUGGESTION_EDITED',
          ...base,
          final_content: { ...content, text: `${content.text} (edited)` },
        },
        at,
      );
    } else {
      this.emit<'SUGGESTION_ACCEPTED'>(
        { event_type: 'SUGGESTION_ACCEPTED', ...base, final_content: content },
        at,
      );
    }
    this.edit([type], true, at + MINUTE_MS);
  }

  /**
   * Spontaneous edits: each type not yet carried has its own daily hazard, the mode's edit
   * rate times exp(base + a*organisation + b*skill). Hidden traits thus decide who takes
   * which edit: the confounding the truths are about.
   */
  private spontaneousEditTypes(): EditType[] {
    const s = this.ctx.settings;
    const u = this.user;
    const rate =
      s.strategy.dailyEditRate[this.mode] * Math.exp(s.behaviour.editOrganisation * u.organisation);
    const chosen: EditType[] = [];
    for (const type of EDIT_TYPES) {
      if ((this.carried & editBit(type)) !== 0) continue;
      const p = s.edits.types[type].propensity;
      if (
        this.rng.chance(
          rate * Math.exp(p.base + p.organisation * u.organisation + p.skill * u.skill),
        )
      ) {
        chosen.push(type);
      }
    }
    return chosen;
  }

  private edit(types: readonly EditType[], suggested: boolean, at: number): void {
    const s = this.ctx.settings;
    const before = this.score;
    const increment = types.reduce((sum, t) => sum + s.edits.types[t].scoreIncrement, 0);
    const after = round1(clip(before + increment + this.rng.normal(0, s.edits.scoreNoise), 0, 100));
    for (const t of types) {
      this.draft.apply(t);
      this.carried |= editBit(t);
    }
    this.version++;
    this.score = after;
    this.emit<'RESUME_REWRITTEN'>(
      {
        event_type: 'RESUME_REWRITTEN',
        resume_version_id: this.versionId(),
        rewrite_type: REWRITE_TYPE[types[0]],
        before_score: before,
        after_score: after,
        score_delta: round1(after - before),
        gaps_addressed: types.map((t) => GAPS[t]),
        user_accepted: true,
        edit_types: [...types],
        suggested_by_system: suggested,
      },
      at,
    );
    this.snapshot(at + 30_000);
    const mode = strategyModeFor(s, after);
    if (mode !== this.mode) {
      const from = this.mode;
      this.mode = mode;
      this.emitMode(from, at + MINUTE_MS);
    }
  }

  private snapshot(at: number): void {
    this.emit<'RESUME_SNAPSHOT'>(
      {
        event_type: 'RESUME_SNAPSHOT',
        resume_version_id: this.versionId(),
        resume: this.draft.content(),
      },
      at,
    );
  }

  private emitMode(from: StrategyMode | undefined, at: number): void {
    const th = this.ctx.settings.strategy;
    const interviews = this.interviewTimes.filter((x) => x <= at).length;
    while (this.recentApps.length > 0 && this.recentApps[0] < at - 7 * DAY_MS)
      this.recentApps.shift();
    const reason =
      this.mode === 'IMPROVE_RESUME_FIRST'
        ? `resume_score ${this.score} is below ${th.improveThreshold}`
        : this.mode === 'APPLY_AGGRESSIVELY'
          ? `resume_score ${this.score} is at or above ${th.aggressiveThreshold}`
          : `resume_score ${this.score} is between ${th.improveThreshold} and ${th.aggressiveThreshold}`;
    this.emit<'MODE_CHANGED'>(
      {
        event_type: 'MODE_CHANGED',
        ...(from ? { from_mode: from } : {}),
        to_mode: this.mode,
        reason,
        metrics: {
          resume_score: this.score,
          total_applications: this.appCount,
          interview_rate: this.appCount ? Math.round((interviews / this.appCount) * 1e4) / 1e4 : 0,
          applications_last_7_days: this.recentApps.length,
        },
      },
      at,
    );
  }

  /** Picks a job among a few open ones (better reported fit is more attractive), applies. */
  private apply(at: number): void {
    const s = this.ctx.settings;
    const rng = this.rng;
    const u = this.user;
    const role = u.roles.length > 1 && rng.chance(0.3) ? u.roles[1] : u.roles[0];
    const open = this.ctx.market.openJobs(role, at);
    if (open.length === 0) return;
    const candidates: { job: Job; components: FitComponents; fit: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const job = open[Math.floor(rng.uniform() * open.length)];
      if (this.applied.has(job.seq) || candidates.some((c) => c.job === job)) continue;
      const components = measureFit(this.rng, this.user, this.draft.coreSkills, job);
      candidates.push({ job, components, fit: reportedFitScore(s, components) });
    }
    if (candidates.length === 0) return;
    const { job, components, fit } =
      candidates[rng.weightedIndex(candidates.map((c) => Math.exp(c.fit / 12)))];
    this.applied.add(job.seq);
    const tailored = rng.chance(
      sigmoid(s.behaviour.tailoring.base + s.behaviour.tailoring.organisation * u.organisation),
    );
    const applicationId = `app-${u.id.slice(5)}-${String(++this.appCount).padStart(4, '0')}`;
    const submittedAt = at + rng.int(2, 40) * MINUTE_MS;
    const context = {
      strategy_mode: this.mode,
      fit_score: fit,
      fit_components: components,
      category:
        fit < 55 ? ('reach' as const) : fit < 72 ? ('target' as const) : ('safety' as const),
      job_characteristics: {
        title: job.title,
        company: job.company.name,
        seniority: job.level,
        location: job.location,
        industry: job.company.industry,
        company_size: job.company.size,
        company_stage: job.company.stage,
      },
      resume_score: this.score,
      tailoring_applied: tailored,
    };
    const common = {
      application_id: applicationId,
      job_id: job.id,
      resume_version_id: this.versionId(),
    };
    this.emit<'APPLICATION_CREATED'>({ event_type: 'APPLICATION_CREATED', ...common, context }, at);
    this.emit<'APPLICATION_SUBMITTED'>(
      { event_type: 'APPLICATION_SUBMITTED', ...common, context },
      submittedAt,
    );
    this.recentApps.push(submittedAt);

    const state: ApplicationState = {
      components,
      skill: u.skill,
      resumeScore: this.score,
      mode: this.mode,
      carried: this.carried,
      tailored,
      experimentTreated: u.experimentVariant === s.experiment.variants[1],
      role,
      submittedAt,
    };
    const probability = interviewProbability(s, state);
    const interviewed = rng.chance(probability);
    this.outcomes(applicationId, job.id, submittedAt, interviewed);

    // Users who ask for erasure leave the truth too: a compliant engine never sees them.
    if (u.deletionAt !== null) return;
    const onTuesday = weekdayOf(submittedAt) === 2;
    const hour = hourOf(submittedAt);
    const inMorning = hour >= 6 && hour < 12;
    this.ctx.effects.add({ state, onTuesday, inMorning });
    this.ctx.onApplication?.({
      application_id: applicationId,
      user_id: u.id,
      job_role: role,
      probability,
      interviewed,
      edit_types: this.carriedTypes,
      tailoring_applied: tailored,
      submitted_on_tuesday: onTuesday,
      submitted_in_morning: inMorning,
      resume_score: this.score,
      strategy_mode: this.mode,
      experiment_treated: state.experimentTreated,
      skill: u.skill,
    });
  }

  /** Recruiter answers, days later; silence (ghosting) is the absence of any event. */
  private outcomes(
    applicationId: string,
    jobId: string,
    submittedAt: number,
    interviewed: boolean,
  ): void {
    const responses = recruiterResponses(
      this.rng,
      this.ctx.settings.outcome,
      this.user.skill,
      interviewed,
    );
    for (const { status, days, responseType } of responses) {
      const at = submittedAt + days * DAY_MS;
      if (this.user.deletionAt !== null && at >= this.user.deletionAt) return;
      if (status === 'interview') this.interviewTimes.push(at);
      this.emit<'STATUS_CHANGED'>(
        {
          event_type: 'STATUS_CHANGED',
          application_id: applicationId,
          job_id: jobId,
          outcome: {
            status,
            days_to_response: Math.round(days * 100) / 100,
            response_type: responseType,
          },
        },
        at,
      );
    }
  }

  private versionId(): string {
    return `rv-${this.user.id.slice(5)}-${String(this.version).padStart(3, '0')}`;
  }

  private emit<T extends HirelearnEvent['event_type']>(body: EventBody<T>, at: number): void {
    const event = {
      event_id: `ev-${this.user.id.slice(5)}-${String(++this.seq).padStart(5, '0')}`,
      // Named first so every line starts with its id and type; the spread repeats it.
      event_type: (body as { readonly event_type: T }).event_type,
      user_id: this.user.id,
      timestamp: iso(at),
      ...body,
    } as HirelearnEvent;
    this.ctx.schedule(event, at);
  }
}
