import type { SimSettingsOverrides } from '@hirelearn/sim';

/**
 * The stand-in for issue 12's held-out world: two edits with no effect (reorganized_sections,
 * and strengthened_action_verbs set to 0) taken far more by users of high hidden skill, which
 * moves interviews 2.5x as much as by default: the confounder the adjustment set only sees
 * through proxies (prior interview rate), so the adjusted estimates of both nulls are biased
 * upward. The headline spec and the causal bench (`--world skill-selected-nulls`) run it.
 */
export const SKILL_SELECTED_NULLS: SimSettingsOverrides = {
  outcome: { skillEffect: 0.1 },
  edits: {
    types: {
      strengthened_action_verbs: {
        effect: 0,
        propensity: { base: -1.1, organisation: 0, skill: 3 },
      },
      reorganized_sections: { propensity: { base: -1.2, organisation: 0, skill: 3 } },
    },
  },
};
