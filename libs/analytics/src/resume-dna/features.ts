import { RESUME_FEATURES, type ResumeDnaSettings, type ResumeFeature } from './settings';
import { LATEST_PROFILE, num, str, type SqlSource } from '@hirelearn/store';

/** The DNA of one `RESUME_SNAPSHOT`: its features, each in [0, 1], more being better. */
export interface SnapshotFeatures {
  readonly user_id: string;
  readonly resume_version_id: string;
  readonly occurred_at: string;
  /** The user's first target role (latest profile); null without a profile. */
  readonly role: string | null;
  readonly features: Readonly<Record<ResumeFeature, number>>;
}

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

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The weak openings as one anchored expression (each a whole word or phrase). */
export function weakOpeningPattern(openings: readonly string[]): string {
  return `^\\s*(${openings.map((o) => escapeRegex(o.toLowerCase())).join('|')})\\b`;
}

/** Each role's top demanded skills (lower case). */
export async function roleSkills(
  db: SqlSource,
  settings: ResumeDnaSettings,
): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  const out = new Map<string, Set<string>>();
  for (const r of await db.rows(ROLE_SKILLS_SQL, [settings.role_skills_top])) {
    const role = str(r.role);
    if (!out.has(role)) out.set(role, new Set());
    out.get(role)?.add(str(r.skill));
  }
  return out;
}

/**
 * Features of every snapshot (or one user's), oldest first per user. Keyword coverage is the
 * share of the role's most demanded skills the resume lists (0 where the role has no postings).
 */
export async function snapshotFeatures(
  db: SqlSource,
  settings: ResumeDnaSettings,
  userId: string | null = null,
): Promise<SnapshotFeatures[]> {
  const skillsByRole = await roleSkills(db, settings);
  const rows = await db.rows(SNAPSHOTS_SQL, [weakOpeningPattern(settings.weak_openings), userId]);
  return rows.map((r) => {
    const bullets = num(r.bullets);
    const role = r.role === null || r.role === undefined ? null : str(r.role);
    const wanted = role === null ? undefined : skillsByRole.get(role);
    const skills = (r.skills as string[] | null) ?? [];
    let covered = 0;
    if (wanted) for (const s of new Set(skills)) if (wanted.has(s)) covered++;
    const features: Record<ResumeFeature, number> = {
      metric_share: bullets ? num(r.metric_bullets) / bullets : 0,
      action_verb_share: bullets ? 1 - num(r.weak_bullets) / bullets : 0,
      keyword_coverage: wanted?.size ? covered / wanted.size : 0,
      has_certifications: num(r.certifications) > 0 ? 1 : 0,
      one_page: r.page_count !== null && num(r.page_count) <= 1 ? 1 : 0,
    };
    return Object.freeze({
      user_id: str(r.user_id),
      resume_version_id: str(r.resume_version_id),
      occurred_at: str(r.occurred_at),
      role,
      features: Object.freeze(features),
    });
  });
}

/** The features as a vector in `RESUME_FEATURES` order (what the clustering reads). */
export function featureVector(f: Readonly<Record<ResumeFeature, number>>): number[] {
  return RESUME_FEATURES.map((name) => f[name]);
}
