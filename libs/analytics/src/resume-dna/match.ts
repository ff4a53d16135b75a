import type { CausalEffect } from '@hirelearn/attribution';
import { rmsDistance } from './dbscan';
import { featureVector, snapshotFeatures } from './features';
import type { FeatureValues, ResumeDnaLibrary, RoleResumePatterns } from './library';
import {
  DEFAULT_RESUME_DNA_SETTINGS,
  RESUME_FEATURES,
  type ResumeDnaSettings,
  type ResumeFeature,
} from './settings';
import { type SqlSource } from '@hirelearn/store';

/** What the attribution read into a gap needs from a `CausalEffect`. */
export type EditEvidence = Pick<
  CausalEffect,
  'treatment' | 'ate' | 'confidence_interval' | 'causal_confidence' | 'recommendation'
>;

/**
 * The attribution's word on the edit that closes a gap: `helpful` (interval above 0, not LOW),
 * `unproven` (interval covers 0, estimate at least `min_useful_effect`), `untested` (no
 * estimate), or `useless` (LOW confidence: the evidence contradicts itself; or an unproven
 * estimate below `min_useful_effect`). Only `useless` withholds the gap.
 */
export type EditVerdict = 'helpful' | 'unproven' | 'untested' | 'useless';

export function editVerdict(
  effect: EditEvidence | undefined,
  s: ResumeDnaSettings = DEFAULT_RESUME_DNA_SETTINGS,
): EditVerdict {
  const ci = effect?.confidence_interval;
  if (!effect || !ci || effect.ate === null) return 'untested';
  if (effect.causal_confidence === 'LOW') return 'useless';
  if (ci[0] > 0) return 'helpful';
  return effect.ate >= s.min_useful_effect ? 'unproven' : 'useless';
}

export interface ResumeGap {
  readonly feature: ResumeFeature;
  readonly edit_type: string;
  readonly user_value: number;
  /** The role's successful resumes (mean over its patterns). */
  readonly pattern_value: number;
  /** The role's typical resume (every sharing user). */
  readonly typical_value: number;
  readonly difference: number;
  readonly verdict: Exclude<EditVerdict, 'useless'>;
  readonly evidence: string;
}

export interface WithheldGap {
  readonly feature: ResumeFeature;
  readonly edit_type: string;
  readonly difference: number;
  readonly reason: string;
}

export interface PatternSimilarity {
  readonly pattern_id: string;
  /** 1 - root-mean-square feature difference. */
  readonly similarity: number;
}

/** A user's resume against the role's pattern library. */
export interface ResumeMatch {
  readonly status: 'ok' | 'no_snapshot' | 'no_role' | 'role_not_in_library' | 'no_patterns';
  readonly reasons: readonly string[];
  readonly user_id: string;
  readonly role: string | null;
  readonly resume_version_id: string | null;
  readonly features: FeatureValues | null;
  readonly nearest_pattern: PatternSimilarity | null;
  readonly similarities: readonly PatternSimilarity[];
  readonly gaps: readonly ResumeGap[];
  readonly withheld_gaps: readonly WithheldGap[];
}

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

function evidenceText(edit: string, verdict: EditVerdict, e: EditEvidence | undefined): string {
  if (!e || verdict === 'untested') return `no attribution estimate for ${edit}`;
  const ci = e.confidence_interval;
  const interval = ci ? ` [${pts(ci[0])}, ${pts(ci[1])}]` : '';
  return `${edit}: ${pts(e.ate ?? 0)}${interval} on interview chances (${e.causal_confidence}); ${e.recommendation}`;
}

/**
 * Matches one resume's features to a role's patterns. A gap is a feature the role's
 * successful resumes hold at least `gap_min_difference` more of than the user; it is suggested
 * unless the attribution finds its edit useless (whether successful resumes hold more of a
 * feature than others is correlation: the attribution is the causal check).
 */
export function matchFeatures(
  userId: string,
  versionId: string,
  features: FeatureValues,
  role: RoleResumePatterns,
  effects: readonly EditEvidence[],
  s: ResumeDnaSettings = DEFAULT_RESUME_DNA_SETTINGS,
): ResumeMatch {
  const base = { user_id: userId, role: role.role, resume_version_id: versionId, features };
  if (role.status !== 'ok' || !role.dna) {
    return Object.freeze({
      ...base,
      status: 'no_patterns' as const,
      reasons: role.reasons,
      nearest_pattern: null,
      similarities: [],
      gaps: [],
      withheld_gaps: [],
    });
  }
  const v = featureVector(features);
  const similarities = role.patterns
    .map((p) =>
      Object.freeze({
        pattern_id: p.pattern_id,
        similarity: 1 - rmsDistance(v, featureVector(p.centroid)),
      }),
    )
    .sort((a, b) => b.similarity - a.similarity || a.pattern_id.localeCompare(b.pattern_id));
  const byEdit = new Map(effects.map((e) => [e.treatment, e]));
  const gaps: ResumeGap[] = [];
  const withheld: WithheldGap[] = [];
  for (const feature of RESUME_FEATURES) {
    const want = role.dna[feature];
    const difference = want - features[feature];
    if (difference < s.gap_min_difference) continue;
    const edit = s.feature_edits[feature];
    const effect = byEdit.get(edit);
    const verdict = editVerdict(effect, s);
    const evidence = evidenceText(edit, verdict, effect);
    if (verdict === 'useless') {
      withheld.push(Object.freeze({ feature, edit_type: edit, difference, reason: evidence }));
    } else {
      gaps.push(
        Object.freeze({
          feature,
          edit_type: edit,
          user_value: features[feature],
          pattern_value: want,
          typical_value: role.baseline.features[feature],
          difference,
          verdict,
          evidence,
        }),
      );
    }
  }
  gaps.sort((a, b) => b.difference - a.difference || a.feature.localeCompare(b.feature));
  return Object.freeze({
    ...base,
    status: 'ok' as const,
    reasons: Object.freeze([]),
    nearest_pattern: similarities[0] ?? null,
    similarities: Object.freeze(similarities),
    gaps: Object.freeze(gaps),
    withheld_gaps: Object.freeze(withheld),
  });
}

function empty(
  userId: string,
  status: ResumeMatch['status'],
  reason: string,
  partial: Partial<ResumeMatch> = {},
): ResumeMatch {
  return Object.freeze({
    user_id: userId,
    role: null,
    resume_version_id: null,
    features: null,
    nearest_pattern: null,
    similarities: [],
    gaps: [],
    withheld_gaps: [],
    ...partial,
    status,
    reasons: Object.freeze([reason]),
  });
}

/**
 * One user's latest resume against their role's patterns (their own data: shown to them even
 * if they opted out of market insights, which only keeps them out of the library).
 */
export async function resumeMatch(
  db: SqlSource,
  userId: string,
  library: ResumeDnaLibrary,
  effects: readonly EditEvidence[],
  settings: ResumeDnaSettings = DEFAULT_RESUME_DNA_SETTINGS,
): Promise<ResumeMatch> {
  const mine = await snapshotFeatures(db, settings, userId);
  const latest = mine[mine.length - 1];
  if (!latest) return empty(userId, 'no_snapshot', 'the user has no RESUME_SNAPSHOT');
  const partial = {
    resume_version_id: latest.resume_version_id,
    features: latest.features,
    role: latest.role,
  };
  if (latest.role === null)
    return empty(userId, 'no_role', 'no target role in the user profile', partial);
  const role = library.roles.find((r) => r.role === latest.role);
  if (!role) {
    return empty(
      userId,
      'role_not_in_library',
      `the role has fewer than ${library.k} successful users sharing their data (withheld)`,
      partial,
    );
  }
  return matchFeatures(userId, latest.resume_version_id, latest.features, role, effects, settings);
}
