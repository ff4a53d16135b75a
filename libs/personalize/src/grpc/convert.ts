import type * as pb from '@hirelearn/proto';
import type { PersonalizedConfigView } from '../store';

/** A published configuration, over the bases in force, as its message. */
export function personalizedConfigToPb(v: PersonalizedConfigView): pb.PersonalizedConfig {
  const c = v.config;
  return {
    user_id: c.user_id,
    basis: c.basis,
    basis_reason: c.basis_reason,
    segment: c.segment.value,
    segment_users: c.segment.users,
    planning_config_json: JSON.stringify(v.planning),
    fit_weights_config_json: JSON.stringify(v.fit_weights),
    planning_base_version: v.base_versions['5'],
    fit_weights_base_version: v.base_versions['6'],
    overrides_json: JSON.stringify(c.overrides),
    planner_json: JSON.stringify(c.planner),
    parameters: c.parameters.map((p) => ({
      layer: p.layer,
      parameter: p.parameter,
      value: p.value,
      evidence: {
        ...p.evidence,
        prior_strength: p.evidence.prior_strength ?? undefined,
        own_estimate: p.evidence.own_estimate ?? undefined,
      },
    })),
    version: c.version,
    published_by: c.published_by,
    published_at: c.published_at,
    run_id: c.run_id,
    attribution_run_id: c.attribution_run_id ?? '',
  };
}
