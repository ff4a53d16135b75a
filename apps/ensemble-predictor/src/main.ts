/**
 * The ensemble predictor: serves hirelearn.v1.InterviewPredictor (PredictInterview) and the
 * Open Inference Protocol calls for the ensemble version in production, switching versions
 * on the registry's Watch; every prediction is logged to the document store.
 * Prints one line with the address it listens on.
 */
import { serveEnsemblePredictor } from '@hirelearn/services';
import { settings } from './settings';

async function main(): Promise<void> {
  const running = await serveEnsemblePredictor(settings);
  process.stdout.write(`ensemble-predictor listening on ${running.address}\n`);
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
    `ensemble-predictor: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
