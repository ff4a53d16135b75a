import * as path from 'node:path';
import type { Command } from 'commander';
import { learningEngineSettings, serveLearningEngine } from '@hirelearn/experiments';
import {
  DEFAULT_MONITOR_PORT,
  DEFAULT_MONITOR_SETTINGS,
  monitorServiceSettings,
  serveDriftMonitor,
} from '@hirelearn/monitoring';
import { loadAttribution, nightlyEvidenceCheck } from '@hirelearn/nightly';
import { serveUntilInterrupted } from '@hirelearn/rpc';
import { registryServiceSettings, serveRegistry } from '@hirelearn/registry';
import {
  DEFAULT_COLD_START_PORT,
  DEFAULT_ENSEMBLE_PORT,
  DEFAULT_FIT_SCORE_PORT,
  loadableArtifact,
  modelServiceSettings,
  serveColdStartEmbedder,
  serveEnsemblePredictor,
  serveFitScoreLearner,
  type ModelServiceSettings,
} from '@hirelearn/services';
import { numberOption, portOption as port } from '../integer-option';
import {
  serverSecurityFrom,
  serverSecurityOptions,
  type ServerSecurityOpts,
} from '../security-options';
import { dbOption } from '../store-option';

/** The `serve` command; each service (`serve ensemble-predictor`, ...) attaches to the same one. */
export function serveCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'serve') ??
    program.command('serve').description('run a gRPC service until interrupted')
  );
}

export function registerServe(program: Command): void {
  serverSecurityOptions(serveCommand(program).command('registry'))
    .description(
      'serve the model registry and the configuration channel over gRPC (hirelearn.v1.Registry, hirelearn.v1.Config)',
    )
    .option('--port <n>', 'port (default HIRELEARN_REGISTRY_PORT or 50051; 0: any free port)', port)
    .option('--host <host>', 'interface (default HIRELEARN_REGISTRY_HOST or 127.0.0.1)')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--artifacts <dir>', 'artifact folder (default HIRELEARN_ARTIFACTS)')
    .action(
      async (
        opts: ServerSecurityOpts & {
          port?: number;
          host?: string;
          documents?: string;
          artifacts?: string;
        },
      ) => {
        await serveUntilInterrupted('registry', () =>
          serveRegistry(
            registryServiceSettings(process.env, {
              port: opts.port,
              host: opts.host,
              documentsUrl: opts.documents,
              artifactsDir: opts.artifacts,
              security: serverSecurityFrom(opts),
            }),
            { checkArtifact: loadableArtifact, evidenceCheck: nightlyEvidenceCheck },
          ),
        );
      },
    );
  serverSecurityOptions(serveCommand(program).command('learning-engine'))
    .description('serve the experiments over gRPC (hirelearn.v1.Experiments)')
    .option(
      '--port <n>',
      'port (default HIRELEARN_LEARNING_ENGINE_PORT or 50055; 0: any free port)',
      port,
    )
    .option('--host <host>', 'interface (default HIRELEARN_LEARNING_ENGINE_HOST or 127.0.0.1)')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .addOption(dbOption('opened per call'))
    .action(
      async (
        opts: ServerSecurityOpts & {
          port?: number;
          host?: string;
          documents?: string;
          db?: string;
        },
      ) => {
        await serveUntilInterrupted('learning-engine', () =>
          serveLearningEngine(
            learningEngineSettings(process.env, {
              security: serverSecurityFrom(opts),
              ...(opts.port !== undefined && { port: opts.port }),
              ...(opts.host !== undefined && { host: opts.host }),
              ...(opts.documents !== undefined && { documentsUrl: opts.documents }),
              ...(opts.db !== undefined && { dbUrl: opts.db }),
            }),
          ),
        );
      },
    );
}

/** The model services: each serves the version in production and follows the registry. */
const MODEL_SERVICES = [
  {
    name: 'ensemble-predictor',
    what: 'interview likelihood (hirelearn.v1.InterviewPredictor) and the inference protocol calls',
    service: 'ENSEMBLE',
    defaultPort: DEFAULT_ENSEMBLE_PORT,
    start: serveEnsemblePredictor,
  },
  {
    name: 'fit-score-learner',
    what: 'learned fit scores (hirelearn.v1.FitScorer) and the inference protocol calls',
    service: 'FIT_SCORE',
    defaultPort: DEFAULT_FIT_SCORE_PORT,
    start: serveFitScoreLearner,
  },
  {
    name: 'cold-start-embedder',
    what: "new users' day-one insights and onboarding questions (hirelearn.v1.ColdStart) and the inference protocol calls",
    service: 'COLD_START',
    defaultPort: DEFAULT_COLD_START_PORT,
    // The first edits come from the effects of the newest attribution the nightly stored.
    start: (settings: ModelServiceSettings) =>
      serveColdStartEmbedder(
        settings,
        async (docs) => (await loadAttribution(docs))?.effects ?? [],
      ),
  },
] as const;

interface ModelServiceOptions extends ServerSecurityOpts {
  port?: number;
  host?: string;
  registry?: string;
  documents?: string;
  artifacts?: string;
}

export function registerModelServices(program: Command): void {
  for (const service of MODEL_SERVICES) {
    serverSecurityOptions(serveCommand(program).command(service.name))
      .description(`serve ${service.what}`)
      .option(
        '--port <n>',
        `port (default HIRELEARN_${service.service}_PORT or ${service.defaultPort}; 0: any free port)`,
        port,
      )
      .option(
        '--host <host>',
        `interface (default HIRELEARN_${service.service}_HOST, HIRELEARN_SERVICE_HOST or 127.0.0.1)`,
      )
      .option(
        '--registry <address>',
        'host:port of the registry service (default: open the registry in-process)',
      )
      .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
      .option('--artifacts <dir>', 'artifact folder (default HIRELEARN_ARTIFACTS)')
      .action(async (opts: ModelServiceOptions) => {
        const overrides: Partial<ModelServiceSettings> = {
          ...(opts.port !== undefined && { port: opts.port }),
          ...(opts.host !== undefined && { host: opts.host }),
          ...(opts.registry !== undefined && { registryAddress: opts.registry }),
          ...(opts.documents !== undefined && { documentsUrl: opts.documents }),
          ...(opts.artifacts !== undefined && { artifactsDir: opts.artifacts }),
          // Bundled beside main.js by tools/build.mjs: the log writes on a worker thread.
          predictionLogWorker: path.join(__dirname, 'prediction-log-worker.js'),
          security: serverSecurityFrom(opts),
        };
        await serveUntilInterrupted(service.name, () =>
          service.start(
            modelServiceSettings(process.env, service.service, service.defaultPort, overrides),
          ),
        );
      });
  }
}

interface DriftMonitorOptions extends ServerSecurityOpts {
  port?: number;
  host?: string;
  registry?: string;
  db?: string;
  documents?: string;
  artifacts?: string;
  everyMinutes?: number;
}

export function registerDriftMonitorService(program: Command): void {
  serverSecurityOptions(serveCommand(program).command('drift-monitor'))
    .description(
      'serve the drift monitor (hirelearn.v1.Monitor): a monitoring pass every N minutes and on RunNow',
    )
    .option(
      '--port <n>',
      `port (default HIRELEARN_MONITOR_PORT or ${DEFAULT_MONITOR_PORT}; 0: any free port)`,
      port,
    )
    .option('--host <host>', 'interface (default HIRELEARN_SERVICE_HOST or 127.0.0.1)')
    .option(
      '--registry <address>',
      'host:port of the registry service (default: open the registry in-process)',
    )
    .addOption(dbOption())
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--artifacts <dir>', 'artifact folder (default HIRELEARN_ARTIFACTS)')
    .option(
      '--every-minutes <n>',
      'minutes between passes (default HIRELEARN_MONITOR_EVERY_MINUTES or 60)',
      numberOption('--every-minutes', { gt: 0 }),
    )
    .action(async (opts: DriftMonitorOptions) => {
      await serveUntilInterrupted('drift-monitor', () =>
        serveDriftMonitor(
          monitorServiceSettings(process.env, {
            ...(opts.port !== undefined && { port: opts.port }),
            ...(opts.host !== undefined && { host: opts.host }),
            ...(opts.registry !== undefined && { registryAddress: opts.registry }),
            ...(opts.db !== undefined && { dbUrl: opts.db }),
            ...(opts.documents !== undefined && { documentsUrl: opts.documents }),
            ...(opts.artifacts !== undefined && { artifactsDir: opts.artifacts }),
            ...(opts.everyMinutes !== undefined && { everyMinutes: opts.everyMinutes }),
            security: serverSecurityFrom(opts),
          }),
          DEFAULT_MONITOR_SETTINGS,
          (error) =>
            process.stderr.write(
              `drift-monitor: pass failed: ${error instanceof Error ? error.message : String(error)}\n`,
            ),
        ),
      );
    });
}
