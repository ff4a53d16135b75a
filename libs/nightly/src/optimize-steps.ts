/**
 * The optimizers and the recommendations they emit: placeholders until libs/optimize and
 * libs/config land.
 */
import type { NightlyContext } from './core-steps';
import type { NightlyStep } from './steps';

export function optimizeStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'optimize',
    needs: ['attribution'],
    async run(values) {
      void ctx;
      void values;
      return { value: [] };
    },
  };
}

export function recommendationsStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'recommendations',
    needs: ['optimize'],
    async run() {
      void ctx;
      return { value: [] };
    },
  };
}
