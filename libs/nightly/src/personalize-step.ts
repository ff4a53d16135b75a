/**
 * The nightly's `personalize` step: every user's PersonalizedConfig (libs/personalize) from
 * the event log, with the run's attribution as causal priors when it succeeded, published per
 * user by compare-and-set (publishing is the step's last act, as for every step).
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import { ConfigChannel } from '@hirelearn/config';
import { personalizeAll, publishPersonalizedConfigs } from '@hirelearn/personalize';
import { NIGHTLY_ACTOR, type NightlyContext } from './core-steps';
import { fitWeightsOf } from './optimizer-inputs';
import type { NightlyStep } from './steps';

export function personalizeStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'personalize',
    // Nothing learned from a window the quality gate stopped is published; the attribution is
    // used when it succeeded (its effects are the causal priors), not waited for.
    needs: ['quality_gate'],
    async run(values) {
      const attribution = values.get('attribution') as OutcomeAttribution | undefined;
      const channel = new ConfigChannel({ documents: ctx.documents });
      const layer6 = await channel.current(6);
      channel.close();
      const configs = await personalizeAll(ctx.events, {
        attribution: attribution ? { run_id: ctx.run_id, result: attribution } : null,
        base_weights: fitWeightsOf(layer6),
        now: ctx.now,
      });
      const out = await publishPersonalizedConfigs(
        ctx.documents,
        configs,
        { by: NIGHTLY_ACTOR, reason: `nightly run ${ctx.run_id}`, run_id: ctx.run_id, at: ctx.now },
        ctx.on_personalize_progress,
      );
      const segment = configs.filter((c) => c.basis === 'segment');
      return {
        value: out,
        produced: [`personalized_configs (${out.published} users)`],
        summary: {
          users: configs.length,
          published: out.published,
          personal: configs.length - segment.length,
          segment: segment.length,
          opted_out: configs.filter((c) => c.opt_out !== null).length,
          causal_priors: attribution !== undefined,
        },
        findings: out.conflicts.length
          ? [
              `${out.conflicts.length} user(s) were published by another run meanwhile and left as it wrote them: ${out.conflicts.slice(0, 5).join(', ')}`,
            ]
          : [],
      };
    },
  };
}
