import { dbscan } from './dbscan';
import { featureVector, snapshotFeatures, type SnapshotFeatures } from './features';
import {
  DEFAULT_RESUME_DNA_SETTINGS,
  RESUME_FEATURES,
  type ResumeDnaSettings,
  type ResumeFeature,
} from './settings';
import { applicationRecords, type ApplicationRecord } from './resume-dna-queries';
import { type SqlSource } from '@hirelearn/store';

export type FeatureValues = Readonly<Record<ResumeFeature, number>>;

/** One dense group of successful resumes of a role (a DBSCAN cluster of k users or more). */
export interface ResumePattern {
  readonly pattern_id: string;
  readonly user_count: number;
  /** Of the role's successful users. */
  readonly share: number;
  /** Mean features of the group. */
  readonly centroid: FeatureValues;
}

/** A role's pattern library. */
export interface RoleResumePatterns {
  readonly role: string;
  readonly status: 'ok' | 'no_patterns';
  readonly reasons: readonly string[];
  readonly successful_users: number;
  readonly clustered_users: number;
  readonly noise_users: number;
  readonly patterns: readonly ResumePattern[];
  /** Mean features over every clustered successful resume: what gaps are measured against. */
  readonly dna: FeatureValues | null;
  /** Mean features of the role's latest resumes (every sharing user): the typical resume. */
  readonly baseline: { readonly user_count: number; readonly features: FeatureValues };
  /** Patterns of fewer than k users, withheld. */
  readonly suppressed_patterns: number;
}

/** The spec's resume DNA library (4.5.2): patterns of successful resumes per role. */
export interface ResumeDnaLibrary {
  readonly status: 'ok' | 'no_data';
  readonly criteria: {
    readonly min_applications: number;
    readonly min_interview_rate: number;
    readonly min_offers: number;
    readonly eps: number;
    readonly min_points: number;
  };
  readonly roles: readonly RoleResumePatterns[];
  /** Roles with fewer than k successful users: withheld and counted. */
  readonly suppressed_roles: number;
  readonly snapshots: number;
  readonly k: number;
}

/** Column means of feature records. */
export function meanFeatures(rows: readonly FeatureValues[]): FeatureValues {
  const out = Object.fromEntries(RESUME_FEATURES.map((f) => [f, 0])) as Record<
    ResumeFeature,
    number
  >;
  for (const r of rows) for (const f of RESUME_FEATURES) out[f] += r[f] / rows.length;
  return Object.freeze(out);
}

interface Sharer {
  readonly latest: SnapshotFeatures;
  readonly successful: boolean;
}

/**
 * Each sharing user's latest snapshot and whether they are successful. The latest, not the
 * one before the first offer: successful users and the baseline are compared at the same
 * point of their search, else early successes would look like resumes without edits.
 */
function sharers(
  snapshots: readonly SnapshotFeatures[],
  records: readonly ApplicationRecord[],
  s: ResumeDnaSettings,
): Sharer[] {
  const byUser = new Map<string, SnapshotFeatures[]>();
  for (const f of snapshots) {
    const list = byUser.get(f.user_id);
    if (list) list.push(f);
    else byUser.set(f.user_id, [f]);
  }
  const out: Sharer[] = [];
  for (const r of records) {
    const list = byUser.get(r.user_id);
    if (!list) continue;
    const n = r.applications;
    const success =
      n >= s.min_applications &&
      r.interviews >= s.min_interview_rate * n &&
      r.offers >= s.min_offers;
    out.push({ latest: list[list.length - 1], successful: success });
  }
  return out;
}

function rolePatterns(role: string, users: readonly Sharer[], s: ResumeDnaSettings) {
  const winners = users.flatMap((u) => (u.successful ? [u.latest] : []));
  const { clusters, noise } = dbscan(
    winners.map((w) => featureVector(w.features)),
    s.eps,
    s.min_points,
  );
  const kept = clusters.filter((c) => c.length >= s.k);
  const clustered = kept.flat().map((i) => winners[i].features);
  const patterns = kept.map((c, i): ResumePattern =>
    Object.freeze({
      pattern_id: `${role}#${i + 1}`,
      user_count: c.length,
      share: c.length / winners.length,
      centroid: meanFeatures(c.map((j) => winners[j].features)),
    }),
  );
  return Object.freeze({
    role,
    status: patterns.length ? ('ok' as const) : ('no_patterns' as const),
    reasons: Object.freeze(
      patterns.length
        ? []
        : [
            `no group of ${Math.max(s.min_points, s.k)}+ successful resumes within eps ${s.eps} of each other`,
          ],
    ),
    successful_users: winners.length,
    clustered_users: clustered.length,
    noise_users: noise.length,
    patterns: Object.freeze(patterns),
    dna: clustered.length ? meanFeatures(clustered) : null,
    baseline: Object.freeze({
      user_count: users.length,
      features: meanFeatures(users.map((u) => u.latest.features)),
    }),
    suppressed_patterns: clusters.length - kept.length,
  });
}

/**
 * The pattern library: per role, the successful users' latest resumes clustered by DBSCAN. Users who opted out of market insights are left out; a
 * role with fewer than k successful users is withheld and counted.
 */
export async function resumeDnaLibrary(
  db: SqlSource,
  settings: ResumeDnaSettings = DEFAULT_RESUME_DNA_SETTINGS,
  snapshots?: readonly SnapshotFeatures[],
): Promise<ResumeDnaLibrary> {
  const all = snapshots ?? (await snapshotFeatures(db, settings));
  const records = await applicationRecords(db);
  const byRole = new Map<string, Sharer[]>();
  for (const u of sharers(all, records, settings)) {
    const role = u.latest.role;
    if (role === null) continue;
    const list = byRole.get(role);
    if (list) list.push(u);
    else byRole.set(role, [u]);
  }
  const roles: RoleResumePatterns[] = [];
  let suppressed = 0;
  for (const role of [...byRole.keys()].sort()) {
    const users = byRole.get(role) ?? [];
    if (users.filter((u) => u.successful).length < settings.k) {
      suppressed++;
      continue;
    }
    roles.push(rolePatterns(role, users, settings));
  }
  return Object.freeze({
    status: all.length ? 'ok' : 'no_data',
    criteria: Object.freeze({
      min_applications: settings.min_applications,
      min_interview_rate: settings.min_interview_rate,
      min_offers: settings.min_offers,
      eps: settings.eps,
      min_points: settings.min_points,
    }),
    roles: Object.freeze(roles),
    suppressed_roles: suppressed,
    snapshots: all.length,
    k: settings.k,
  });
}
