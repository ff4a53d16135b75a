import { validateLine, type EventOf, type HirelearnEvent } from '@hirelearn/contract';
import * as pb from '@hirelearn/proto';

/** A line the contract refuses: where it is, the field and the rule. */
export interface RefusedEventLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** New users read from events: each as a ColdStart request would carry them. */
export type NewUsersFromEvents =
  | {
      readonly status: 'ok';
      readonly users: readonly pb.NewUser[];
      /** Valid events of other types, which day one does not read. */
      readonly ignored: number;
    }
  | { readonly status: 'invalid'; readonly refused: readonly RefusedEventLine[] };

type Profile = EventOf<'USER_PROFILE_UPDATED'>;
type Snapshot = EventOf<'RESUME_SNAPSHOT'>;

/** What day one knows of a user: the profile in force, the first resume, the consent. */
interface UserEvents {
  profile: Profile | null;
  resume: Snapshot | null;
  /** A USER_OPTED_OUT of personalization (or all): final, whatever a profile says. */
  opted_out: boolean;
}

const at = (e: HirelearnEvent) => Date.parse(e.timestamp);

function profileToPb(p: Profile['profile']): pb.DayOneProfile {
  return pb.DayOneProfile.fromPartial({
    years_experience: p.years_experience,
    seniority: p.seniority,
    target_roles: p.target_roles,
    industries: p.industries,
    locations: p.locations,
    education_level: p.education_level,
    work_arrangement_preference: p.work_arrangement_preference ?? '',
    salary_target: p.salary_target,
  });
}

function resumeToPb(s: Snapshot): pb.DayOneResume {
  const r = s.resume;
  return pb.DayOneResume.fromPartial({
    resume_version_id: s.resume_version_id,
    summary: r.summary,
    skills: r.skills,
    roles: r.roles.map((role) => ({
      title: role.title,
      company: role.company,
      start: role.start,
      end: role.end ?? '',
      bullets: role.bullets,
    })),
    education: r.education.map(({ degree, field, institution }) => ({
      degree,
      field,
      institution,
    })),
    certifications: r.certifications,
    page_count: r.page_count,
  });
}

/**
 * New users from NDJSON lines, each event validated by the contract (`libs/contract`): per
 * user, the latest USER_PROFILE_UPDATED (the profile in force), the first RESUME_SNAPSHOT
 * (day one's resume), and whether they withheld personalization (a USER_OPTED_OUT of
 * personalization or all, else the consent of the profile in force). Other valid events are counted and left alone;
 * any line the contract refuses makes the whole read invalid, every such line listed with
 * its field and rule (nothing is ingested either way). Users come in order of first sight.
 */
export function newUsersFromEvents(lines: readonly string[], now = new Date()): NewUsersFromEvents {
  const refused: RefusedEventLine[] = [];
  const users = new Map<string, UserEvents>();
  let ignored = 0;
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const v = validateLine(text, now);
    if (!v.ok) {
      refused.push({ line: i + 1, field: v.field, message: v.message });
      return;
    }
    const e = v.event;
    const known = 'user_id' in e && typeof e.user_id === 'string' ? e.user_id : null;
    if (known === null) {
      ignored += 1;
      return;
    }
    const u = users.get(known) ?? { profile: null, resume: null, opted_out: false };
    if (e.event_type === 'USER_PROFILE_UPDATED') {
      if (!u.profile || at(e) >= at(u.profile)) u.profile = e;
    } else if (e.event_type === 'RESUME_SNAPSHOT') {
      if (!u.resume || at(e) < at(u.resume)) u.resume = e;
    } else if (e.event_type === 'USER_OPTED_OUT') {
      if (e.scope === 'personalization' || e.scope === 'all') u.opted_out = true;
    } else {
      ignored += 1;
      return;
    }
    users.set(known, u);
  });
  if (refused.length > 0) return { status: 'invalid', refused };
  return {
    status: 'ok',
    ignored,
    users: [...users].map(([user_id, u]) =>
      pb.NewUser.fromPartial({
        user_id,
        profile: u.profile ? profileToPb(u.profile.profile) : undefined,
        resume: u.resume ? resumeToPb(u.resume) : undefined,
        personalization: u.opted_out ? false : u.profile?.consent?.personalization,
      }),
    ),
  };
}
