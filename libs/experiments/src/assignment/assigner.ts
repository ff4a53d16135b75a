/**
 * Assignment by the GrowthBook SDK itself, evaluating the feature JSON hirelearn exports: the
 * other layers run the same SDK on the same payload, so they serve exactly these variants.
 * GrowthBook's bucket ranges grow in place as coverage rises (variant i holds
 * [start_i, start_i + coverage · weight_i)), so a ramp never moves an enrolled user.
 * Users who opted out of personalization are never enrolled.
 */
import { GrowthBookClient } from '@growthbook/growthbook';
import { Experiment, VariantValue } from '../types';
import { growthbookPayload, HASH_ATTRIBUTE, OPT_OUT_ATTRIBUTE } from './feature-json';

export type AssignmentReason =
  'enrolled' | 'opted_out' | 'not_enrolled' | 'not_running' | 'unknown_experiment';

export interface Assignment {
  readonly user_id: string;
  /** The variant the user is enrolled in, or null. */
  readonly variant_id: string | null;
  /** The value the SDK serves (the control's when not enrolled, the shipped one once shipped). */
  readonly value: VariantValue | null;
  readonly reason: AssignmentReason;
}

/** Evaluates experiments for many users through one GrowthBook client. */
export class Assigner {
  private readonly client = new GrowthBookClient({});
  private readonly byId: ReadonlyMap<string, Experiment>;

  constructor(experiments: readonly Experiment[]) {
    this.byId = new Map(experiments.map((e) => [e.experiment_id, e]));
    this.client.initSync({ payload: growthbookPayload(experiments) });
  }

  assign(experimentId: string, userId: string, optedOut = false): Assignment {
    const e = this.byId.get(experimentId);
    if (!e) return { user_id: userId, variant_id: null, value: null, reason: 'unknown_experiment' };
    const r = this.client.evalFeature<VariantValue>(experimentId, {
      attributes: { [HASH_ATTRIBUTE]: userId, [OPT_OUT_ATTRIBUTE]: optedOut },
    });
    const value = (r.value ?? null) as VariantValue | null;
    const x = r.experimentResult;
    if (r.source === 'experiment' && x && x.inExperiment) {
      return { user_id: userId, variant_id: x.key, value, reason: 'enrolled' };
    }
    const reason: AssignmentReason = optedOut
      ? 'opted_out'
      : e.status === 'running'
        ? 'not_enrolled'
        : 'not_running';
    return { user_id: userId, variant_id: null, value, reason };
  }

  /** Releases the SDK client. */
  destroy(): void {
    this.client.destroy();
  }
}
