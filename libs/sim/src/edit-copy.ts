import type { EditType } from './vocabulary';

/** The words around resume edits: suggestion texts, rewrite kinds, gaps, refusals. */

/** Why a user turns a suggestion down; the last is used only when the edit is already made. */
export const REJECTION_REASONS = [
  'not_relevant',
  'too_much_work',
  'prefer_my_wording',
  'already_done',
];
export const SUGGESTION_TEXT: Record<EditType, string> = {
  added_metrics_to_bullets: 'Quantify the impact of your bullets (%, $, users).',
  strengthened_action_verbs: "Start bullets with strong action verbs instead of 'worked on'.",
  added_certifications: 'List the certifications relevant to your target role.',
  reorganized_sections: 'Move skills above experience and tighten the layout to one page.',
  added_keywords: 'Add the keywords that appear in the job descriptions you target.',
};
export const REWRITE_TYPE: Record<EditType, 'bullet' | 'summary' | 'section'> = {
  added_metrics_to_bullets: 'bullet',
  strengthened_action_verbs: 'bullet',
  added_certifications: 'section',
  reorganized_sections: 'section',
  added_keywords: 'summary',
};
export const GAPS: Record<EditType, string> = {
  added_metrics_to_bullets: 'quantified_impact',
  strengthened_action_verbs: 'weak_language',
  added_certifications: 'missing_credentials',
  reorganized_sections: 'layout',
  added_keywords: 'keyword_coverage',
};
