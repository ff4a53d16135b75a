import { credentials, type ServiceError } from '@grpc/grpc-js';
import type { Command } from 'commander';
import * as pb from '@hirelearn/proto';
import { DEFAULT_ENSEMBLE_PORT, featuresToPb, loadApplications } from '@hirelearn/services';
import { CliError } from '../cli-error';
import { printJson, printTable } from '../output';
import { withEventStore } from '../store-option';

/** Calls PredictInterview on a running ensemble predictor, as layers 5 and 6 do. */
function predictInterview(
  address: string,
  applications: pb.ApplicationFeatures[],
): Promise<pb.PredictInterviewResponse> {
  const client = new pb.InterviewPredictorClient(address, credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.predictInterview(
      { applications },
      (error: ServiceError | null, response: pb.PredictInterviewResponse) => {
        client.close();
        if (error)
          reject(
            new CliError(
              `PredictInterview at ${address}: ${error.details || error.message}`,
              'start it with: hirelearn serve ensemble-predictor',
            ),
          );
        else resolve(response);
      },
    ),
  );
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'ask the ensemble predictor over gRPC for the interview likelihood of applications in the store',
    )
    .argument('<application_ids...>', 'applications in the facts')
    .option('--address <host:port>', 'ensemble predictor', `127.0.0.1:${DEFAULT_ENSEMBLE_PORT}`)
    .option('--db <url>', 'event store URL')
    .option('--json', 'print as JSON')
    .action(async (ids: string[], opts: { address: string; db?: string; json?: boolean }) => {
      const applications = await withEventStore(opts.db, (store) => loadApplications(store, ids));
      const missing = ids.filter((id) => !applications.some((a) => a.application_id === id));
      if (missing.length > 0)
        throw new CliError(
          `no application ${missing.join(', ')} in the facts`,
          'list some with: hirelearn analytics user USER_ID',
        );
      const response = await predictInterview(opts.address, applications.map(featuresToPb));
      if (opts.json) return printJson(response);
      printTable(
        response.predictions.map((p) => ({
          application: p.application_id,
          probability: p.probability.toFixed(3),
          confidence: p.confidence.toFixed(3),
          agreement: p.model_agreement.toFixed(3),
          members: p.individual_predictions
            .map((m) => `${m.model} ${m.probability.toFixed(3)}`)
            .join(', '),
          version: `${p.model_name} v${p.model_version}`,
        })),
        ['application', 'probability', 'confidence', 'agreement', 'members', 'version'],
      );
    });
}
