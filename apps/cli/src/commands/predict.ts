import type { ServiceError } from '@grpc/grpc-js';
import type { Command } from 'commander';
import * as pb from '@hirelearn/proto';
import { clientConnection } from '@hirelearn/rpc';
import { seniorityMatch, type LabelledApplication } from '@hirelearn/ml';
import { DEFAULT_ENSEMBLE_PORT, DEFAULT_FIT_SCORE_PORT, featuresToPb } from '@hirelearn/services';
import { loadApplications } from '@hirelearn/training';
import { CliError } from '../cli-error';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';

interface PredictOpts extends ClientSecurityOpts {
  address: string;
  db?: string;
  json?: boolean;
}

/** One unary call on a client made for it; a failure says which service to start. */
function call<Res>(
  service: string,
  client: { close(): void },
  invoke: (callback: (error: ServiceError | null, response: Res) => void) => void,
  address: string,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    invoke((error, response) => {
      client.close();
      if (error)
        reject(
          new CliError(
            `${error.details || error.message} (${address})`,
            `start it with: hirelearn serve ${service}`,
          ),
        );
      else resolve(response);
    }),
  );
}

/** The applications of the facts, refusing ids it does not know. */
async function applicationsOf(ids: string[], db?: string): Promise<LabelledApplication[]> {
  const applications = await withEventStore(db, (store) => loadApplications(store, ids), {
    readOnly: true,
  });
  const missing = ids.filter((id) => !applications.some((a) => a.application_id === id));
  if (missing.length > 0)
    throw new CliError(
      `no application ${missing.join(', ')} in the facts`,
      'list some with: hirelearn analytics user USER_ID',
    );
  return applications;
}

/** ScoreFit requests as layer 5 would send them: one per user, each application a candidate job. */
function scoreFitRequests(applications: readonly LabelledApplication[]): pb.ScoreFitRequest[] {
  const byUser = new Map<string, LabelledApplication[]>();
  for (const a of applications) byUser.set(a.user_id, [...(byUser.get(a.user_id) ?? []), a]);
  return [...byUser].map(([user_id, apps]) => {
    const features = apps.map(featuresToPb);
    return {
      user_id,
      resume_score: features[0].resume_score,
      strategy_mode: features[0].strategy_mode,
      jobs: features.map((f, i) => ({
        job_id: f.job_id,
        components: f.fit_components,
        category: f.category,
        job: f.job,
        seniority_match: seniorityMatch(apps[i]) === 1,
        tailoring_applied: f.tailoring_applied,
        application_id: f.application_id,
      })),
    };
  });
}

export function registerPredict(program: Command): void {
  clientSecurityOptions(program.command('predict'))
    .description(
      'ask the ensemble predictor over gRPC for the interview likelihood of applications in the store',
    )
    .argument('<application_ids...>', 'applications in the facts')
    .option('--address <host:port>', 'ensemble predictor', `127.0.0.1:${DEFAULT_ENSEMBLE_PORT}`)
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (ids: string[], opts: PredictOpts) => {
      const applications = await applicationsOf(ids, opts.db);
      const connection = clientConnection(opts.address, clientSecurityFrom(opts));
      const client = new pb.InterviewPredictorClient(
        opts.address,
        connection.credentials,
        connection.options,
      );
      const response = await call<pb.PredictInterviewResponse>(
        'ensemble-predictor',
        client,
        (cb) => client.predictInterview({ applications: applications.map(featuresToPb) }, cb),
        opts.address,
      );
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

  clientSecurityOptions(program.command('score-fit'))
    .description(
      'ask the fit-score learner over gRPC (ScoreFit) to score the jobs of applications in the store, as the strategy layer does',
    )
    .argument('<application_ids...>', 'applications in the facts (their jobs are the candidates)')
    .option('--address <host:port>', 'fit-score learner', `127.0.0.1:${DEFAULT_FIT_SCORE_PORT}`)
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (ids: string[], opts: PredictOpts) => {
      const requests = scoreFitRequests(await applicationsOf(ids, opts.db));
      const responses: pb.ScoreFitResponse[] = [];
      const connection = clientConnection(opts.address, clientSecurityFrom(opts));
      for (const request of requests) {
        const client = new pb.FitScorerClient(
          opts.address,
          connection.credentials,
          connection.options,
        );
        responses.push(
          await call<pb.ScoreFitResponse>(
            'fit-score-learner',
            client,
            (cb) => client.scoreFit(request, cb),
            opts.address,
          ),
        );
      }
      if (opts.json) return printJson(responses);
      printTable(
        responses.flatMap((r, i) =>
          r.scores.map((s, j) => ({
            application: requests[i].jobs[j].application_id,
            job: s.job_id,
            fit_score: s.fit_score.toFixed(1),
            interview_probability: s.interview_probability.toFixed(3),
            weights: r.weights_version,
          })),
        ),
        ['application', 'job', 'fit_score', 'interview_probability', 'weights'],
      );
    });
}
