/**
 * The fit-score learner's service: serves hirelearn.v1.FitScorer (ScoreFit) and the Open
 * Inference Protocol calls with the fit weights in production, switching on the registry's
 * Watch. The weights are learned by `hirelearn models train fit-score`.
 * Prints one line with the address it listens on.
 */
import { serveFitScoreLearner } from '@hirelearn/services';
import { settings } from './settings';

async function main(): Promise<void> {
  const running = await serveFitScoreLearner(settings);
  process.stdout.write(`fit-score-learner listening on ${running.address}\n`);
  const stop = (): void => {
    running.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fit-score-learner: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
