/**
 * The named queries of resume DNA: each resume snapshot's counts, each role's most demanded
 * posting skills, and the application record of every user who shares their data.
 */
import {
  LATEST_PROFILE,
  num,
  numOrNull,
  OPTED_OUT_USERS,
  str,
  type SqlSource,
} from '@hirelearn/store';

/** Only the parts the features read: json_transform parses each payload once. */
const SHAPE = JSON.stringify({
  resume_version_id: 'VARCHAR',
  resume: {
    skills: ['VARCHAR'],
    roles: [{ bullets: ['VARCHAR'] }],
    certifications: ['VARCHAR'],
    page_count: 'DOUBLE',
  },
});

/**
 * Counts per snapshot, computed where the data lives: bullets, bullets with a number
 * (metric_share), bullets that open with a weak phrase ($1, a regular expression built from
 * the settings), certifications, pages, the skills (lower case) and the user's role. $2 picks
 * one user (NULL: everyone).
 */
const SNAPSHOTS_SQL = `
  WITH s AS (
    SELECT user_id, occurred_at, json_transform(payload, '${SHAPE}') AS j FROM raw_events
    WHERE event_type = 'RESUME_SNAPSHOT' AND ($2::VARCHAR IS NULL OR user_id = $2::VARCHAR)),
  b AS (
    SELECT *, flatten(list_transform(coalesce(j.resume.roles, []), r -> coalesce(r.bullets, []))) AS bullets
    FROM s)
  SELECT b.user_id, j.resume_version_id AS resume_version_id,
    strftime(occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at,
    len(bullets)::INTEGER AS bullets,
    len(list_filter(bullets, x -> regexp_matches(x, '[0-9]')))::INTEGER AS metric_bullets,
    len(list_filter(bullets, x -> regexp_matches(lower(x), $1::VARCHAR)))::INTEGER AS weak_bullets,
    list_transform(coalesce(j.resume.skills, []), x -> lower(x)) AS skills,
    len(coalesce(j.resume.certifications, []))::INTEGER AS certifications,
    j.resume.page_count AS page_count,
    p.target_roles[1] AS role
  FROM b LEFT JOIN (${LATEST_PROFILE}) p ON p.user_id = b.user_id
  ORDER BY b.user_id, occurred_at, resume_version_id`;

/**
 * Each role's most demanded skills: postings whose title names the role (case-insensitive),
 * their skills counted. Postings carry no user: no k-anonymity needed.
 */
const ROLE_SKILLS_SQL = `
  WITH r AS (SELECT DISTINCT target_roles[1] AS role FROM (${LATEST_PROFILE}) WHERE target_roles[1] IS NOT NULL),
  j AS (SELECT lower(json_extract_string(payload, '$.title')) AS title,
      json_extract(payload, '$.skills')::VARCHAR[] AS skills
    FROM raw_events WHERE event_type = 'JOB_POSTED'),
  c AS (SELECT r.role, lower(unnest(j.skills)) AS skill FROM r JOIN j ON contains(j.title, lower(r.role))),
  n AS (SELECT role, skill, count(*) AS n FROM c GROUP BY ALL)
  SELECT role, skill FROM n QUALIFY row_number() OVER (PARTITION BY role ORDER BY n DESC, skill) <= $1
  ORDER BY role, skill`;

/** Application record of every user who shares their data. */
const RECORDS_SQL = `
  SELECT user_id, count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x,
    count(*) FILTER (WHERE reached_offer)::INTEGER AS offers
  FROM applications WHERE user_id NOT IN (${OPTED_OUT_USERS}) GROUP BY 1`;

/** What one RESUME_SNAPSHOT holds that its features are made of. */
export interface SnapshotCounts {
  readonly user_id: string;
  readonly resume_version_id: string;
  /** ISO time. */
  readonly occurred_at: string;
  readonly bullets: number;
  /** Bullets with a number. */
  readonly metric_bullets: number;
  /** Bullets opening with a weak phrase. */
  readonly weak_bullets: number;
  /** Lower case, nulls left out. */
  readonly skills: readonly string[];
  readonly certifications: number;
  readonly page_count: number | null;
  /** The user's first target role (latest profile); null without a profile. */
  readonly role: string | null;
}

/** A role and one of its most demanded skills (lower case). */
export interface RoleSkill {
  readonly role: string;
  readonly skill: string;
}

/** A sharing user's applications, interviews and offers. */
export interface ApplicationRecord {
  readonly user_id: string;
  readonly applications: number;
  readonly interviews: number;
  readonly offers: number;
}

/**
 * Every snapshot's counts (or one user's: `userId`), oldest first per user; `weakOpening` the
 * regular expression a weak bullet opening matches (lower case).
 */
export async function snapshotCounts(
  db: SqlSource,
  weakOpening: string,
  userId: string | null,
): Promise<SnapshotCounts[]> {
  const rows = await db.rows(SNAPSHOTS_SQL, [weakOpening, userId]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    resume_version_id: str(r.resume_version_id),
    occurred_at: str(r.occurred_at),
    bullets: num(r.bullets),
    metric_bullets: num(r.metric_bullets),
    weak_bullets: num(r.weak_bullets),
    skills: ((r.skills as unknown[] | null) ?? []).flatMap((x) => (x === null ? [] : [str(x)])),
    certifications: num(r.certifications),
    page_count: numOrNull(r.page_count),
    role: r.role === null || r.role === undefined ? null : str(r.role),
  }));
}

/** The `top` most demanded skills of each role some user targets, by role. */
export async function roleTopSkills(db: SqlSource, top: number): Promise<RoleSkill[]> {
  const rows = await db.rows(ROLE_SKILLS_SQL, [top]);
  return rows.map((r) => ({ role: str(r.role), skill: str(r.skill) }));
}

/** The application record of every user who shares their data. */
export async function applicationRecords(db: SqlSource): Promise<ApplicationRecord[]> {
  const rows = await db.rows(RECORDS_SQL);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    applications: num(r.n),
    interviews: num(r.x),
    offers: num(r.offers),
  }));
}
