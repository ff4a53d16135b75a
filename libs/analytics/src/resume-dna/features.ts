import { RESUME_FEATURES, type ResumeDnaSettings, type ResumeFeature } from './settings';
import { roleTopSkills, snapshotCounts } from './resume-dna-queries';
import { escapeRegex } from '@hirelearn/contract';
import { type SqlSource } from '@hirelearn/store';

/** The DNA of one `RESUME_SNAPSHOT`: its features, each in [0, 1], more being better. */
export interface SnapshotFeatures {
  readonly user_id: string;
  readonly resume_version_id: string;
  readonly occurred_at: string;
  /** The user's first target role (latest profile); null without a profile. */
  readonly role: string | null;
  readonly features: Readonly<Record<ResumeFeature, number>>;
}

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
  for (const { role, skill } of await roleTopSkills(db, settings.role_skills_top)) {
    if (!out.has(role)) out.set(role, new Set());
    out.get(role)?.add(skill);
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
  const rows = await snapshotCounts(db, weakOpeningPattern(settings.weak_openings), userId);
  return rows.map((r) => {
    const bullets = r.bullets;
    const wanted = r.role === null ? undefined : skillsByRole.get(r.role);
    let covered = 0;
    if (wanted) for (const s of new Set(r.skills)) if (wanted.has(s)) covered++;
    const features: Record<ResumeFeature, number> = {
      metric_share: bullets ? r.metric_bullets / bullets : 0,
      action_verb_share: bullets ? 1 - r.weak_bullets / bullets : 0,
      keyword_coverage: wanted?.size ? covered / wanted.size : 0,
      has_certifications: r.certifications > 0 ? 1 : 0,
      one_page: r.page_count !== null && r.page_count <= 1 ? 1 : 0,
    };
    return Object.freeze({
      user_id: r.user_id,
      resume_version_id: r.resume_version_id,
      occurred_at: r.occurred_at,
      role: r.role,
      features: Object.freeze(features),
    });
  });
}

/** The features as a vector in `RESUME_FEATURES` order (what the clustering reads). */
export function featureVector(f: Readonly<Record<ResumeFeature, number>>): number[] {
  return RESUME_FEATURES.map((name) => f[name]);
}
