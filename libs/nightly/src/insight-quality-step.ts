import { actionLabel, measureInsightQuality, qualitySummary } from '@hirelearn/insight-quality';
import type { NightlyContext } from './core-steps';
import type { NightlyStep } from './steps';

const points = (x: number | null | undefined) =>
  x === null || x === undefined ? 'none' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

/**
 * The quality of every insight and recommendation delivered so far (spec 12.3), measured on
 * the outcomes in the log, after `recommendations` has logged tonight's. It only reads: its
 * summary in the run record is the nightly's report of it, and a promise its realized lift
 * contradicts is a finding (`hirelearn insights quality` has the whole report).
 */
export function insightQualityStep(ctx: NightlyContext): NightlyStep {
  return {
    name: 'insight_quality',
    needs: [],
    async run() {
      const report = await measureInsightQuality(ctx.events, ctx.documents, { now: ctx.now });
      return {
        value: report,
        summary: qualitySummary(report),
        findings: report.insights
          .filter((i) => i.calibration.status === 'ok' && i.calibration.consistent === false)
          .map(
            (i) =>
              `${i.kind} "${actionLabel(i.action)}" (${i.confidence}) promised ${points(i.predicted_effect?.estimate)}, ` +
              `realized ${points(i.lift.estimate)} on ${i.lift.users} users: not within their intervals`,
          ),
      };
    },
  };
}
