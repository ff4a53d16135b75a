/** Deterministic generator of a messy NDJSON event log for the cross-app tests. */

/** mulberry32: a small seeded generator, so every failure reproduces. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EventLog {
  /** The file's bytes: one record per line, some not valid JSON or not UTF-8. */
  readonly bytes: Buffer;
  readonly lines: number;
  /** The user whose USER_DELETION_REQUESTED is in the log (events of theirs follow it). */
  readonly erasedUser: string;
}

const START = Date.parse('2025-06-01T00:00:00Z');
const STATUSES = ['interview', 'rejected', 'offer', 'ghosted'] as const;

/**
 * A log of about `lines` records: profiles, applications with status changes, resume edits;
 * about 1% invalid (bad JSON, invalid UTF-8, out-of-range score, naive time, no user_id),
 * 1% exact duplicates, a few conflicting duplicates, STATUS_CHANGED events that arrive
 * thousands of lines before their APPLICATION_CREATED (and some whose CREATED never comes),
 * and one USER_DELETION_REQUESTED in the middle, with that user's events on both sides.
 */
export function generateEventLog(lines: number, seed: number): EventLog {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const out: Buffer[] = [];
  const emitted: string[] = [];
  const delayed: { at: number; text: string }[] = [];
  const users = Math.max(10, Math.round(lines / 100));
  const erasedUser = `user-${String(Math.floor(users / 2)).padStart(5, '0')}`;
  let clock = START;
  let n = 0;
  let deletionSent = false;

  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const push = (text: string | Buffer) => {
    out.push(typeof text === 'string' ? Buffer.from(text) : text);
  };
  const emit = (event: Record<string, unknown>) => {
    const text = JSON.stringify(event);
    const roll = random();
    if (roll < 0.002) push(text.slice(0, Math.floor(text.length / 2)));
    else if (roll < 0.004)
      push(
        Buffer.concat([
          Buffer.from(text.slice(0, 20)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(text.slice(20)),
        ]),
      );
    else if (roll < 0.006)
      push(
        text
          .replace(/"fit_score":[\d.]+/, '"fit_score":140')
          .replace(/"years_experience":[\d.]+/, '"years_experience":99'),
      );
    else if (roll < 0.008) push(text.replace(/Z"/, '"'));
    else if (roll < 0.01) push(text.replace(/"user_id":"[^"]*",/, ''));
    else {
      push(text);
      emitted.push(text);
    }
    if (random() < 0.01 && emitted.length > 0) push(pick(emitted.slice(-500)));
    if (random() < 0.001 && emitted.length > 0) {
      const earlier = JSON.parse(pick(emitted.slice(-2000))) as Record<string, unknown>;
      push(JSON.stringify({ ...earlier, conflicting_copy: true }));
    }
  };

  while (out.length < lines) {
    n += 1;
    clock += Math.floor(random() * 120_000);
    while (delayed.length > 0 && delayed[0].at <= out.length) push(delayed.shift()!.text);
    const user = `user-${String(Math.floor(random() * users)).padStart(5, '0')}`;
    const base = { user_id: user, timestamp: iso(clock) };
    if (!deletionSent && out.length >= lines / 2) {
      deletionSent = true;
      push(
        JSON.stringify({
          event_id: 'delete-erased',
          event_type: 'USER_DELETION_REQUESTED',
          user_id: erasedUser,
          timestamp: iso(clock),
        }),
      );
      continue;
    }
    const kind = random();
    if (kind < 0.1) {
      emit({
        event_id: `p-${n}`,
        event_type: 'USER_PROFILE_UPDATED',
        ...base,
        profile: {
          years_experience: Math.floor(random() * 30),
          seniority: pick(['junior', 'mid', 'senior']),
          target_roles: ['Engineer'],
          industries: ['tech'],
          locations: ['Berlin'],
          education_level: pick(['bachelor', 'master']),
        },
      });
    } else if (kind < 0.2) {
      const before = Math.floor(random() * 80);
      const after = before + Math.floor(random() * 20);
      emit({
        event_id: `rw-${n}`,
        event_type: 'RESUME_REWRITTEN',
        ...base,
        resume_version_id: `rv-${n}`,
        before_score: before,
        after_score: after,
        score_delta: after - before,
        user_accepted: random() < 0.8,
        edit_types: [pick(['added_metrics_to_bullets', 'added_keywords', 'reorganized_sections'])],
      });
    } else {
      const app = `app-${n}`;
      const application = {
        ...base,
        application_id: app,
        job_id: `job-${Math.floor(random() * 5000)}`,
        resume_version_id: `rv-${Math.floor(random() * 1000)}`,
        context: {
          strategy_mode: pick(['BALANCED', 'APPLY_AGGRESSIVELY']),
          fit_score: Math.round(random() * 1000) / 10,
          category: pick(['reach', 'target', 'safety']),
          resume_score: Math.floor(random() * 100),
          tailoring_applied: random() < 0.5,
        },
      };
      const createdText = JSON.stringify({
        event_id: `c-${n}`,
        event_type: 'APPLICATION_CREATED',
        ...application,
      });
      const status = pick(STATUSES);
      const statusEvent = {
        event_id: `st-${n}`,
        event_type: 'STATUS_CHANGED',
        user_id: user,
        timestamp: iso(clock + 3 * 86_400_000),
        application_id: app,
        job_id: application.job_id,
        outcome: status === 'ghosted' ? { status } : { status, days_to_response: 3 },
      };
      const late = random();
      if (late < 0.01) {
        // The status change first; its application only thousands of lines later (or never).
        push(JSON.stringify(statusEvent));
        if (late < 0.009)
          delayed.push({ at: out.length + 6000 + Math.floor(random() * 6000), text: createdText });
        continue;
      }
      emit(JSON.parse(createdText) as Record<string, unknown>);
      emit({
        event_id: `s-${n}`,
        event_type: 'APPLICATION_SUBMITTED',
        ...application,
        timestamp: iso(clock + 60_000),
      });
      if (random() < 0.6) emit(statusEvent);
    }
  }
  for (const d of delayed) push(d.text);
  // A few events of the erased user after the request: refused at the door.
  for (let i = 0; i < 3; i += 1) {
    push(
      JSON.stringify({
        event_id: `after-delete-${i}`,
        event_type: 'EXPERIMENT_EXPOSURE',
        user_id: erasedUser,
        timestamp: iso(clock),
        experiment_id: 'e',
        variant_id: 'v',
      }),
    );
  }
  const bytes = Buffer.concat(out.flatMap((b) => [b, Buffer.from('\n')]));
  return { bytes, lines: out.length, erasedUser };
}
