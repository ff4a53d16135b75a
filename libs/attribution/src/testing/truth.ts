/**
 * The simulator's planted truth for each treatment of a run (tests and the bench): edits and
 * tailoring by name, the Tuesday and morning traps by their truth.json names, and every other
 * weekday or hour band as 0 (the outcome model has no timing effect).
 */
export interface PlantedEffect {
  readonly ate: number;
  readonly att: number;
  readonly total_ate?: number;
  readonly n_treated?: number;
  readonly n_applications?: number;
}

const TRUTH_NAMES: Readonly<Record<string, string>> = {
  applied_on_tuesday: 'submitted_on_tuesday',
  applied_in_morning: 'submitted_in_morning',
};

/** The planted effect of `treatment`, or null when the world does not define it. */
export function plantedEffect(
  treatments: Readonly<Record<string, PlantedEffect>>,
  treatment: string,
): PlantedEffect | null {
  const named = treatments[TRUTH_NAMES[treatment] ?? treatment];
  if (named !== undefined) return named;
  if (treatment.startsWith('applied_')) return { ate: 0, att: 0 };
  return null;
}
