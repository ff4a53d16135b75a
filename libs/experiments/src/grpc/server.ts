/**
 * The `hirelearn.v1.Experiments` handlers over an experiment catalog and an event store.
 * Catalog refusals become gRPC statuses (through the one error hierarchy of @hirelearn/proto)
 * whose message names the field and the rule, or each ethics rule that refused a start.
 */
import * as pb from '@hirelearn/proto';
import {
  actorOf,
  ConflictError,
  FailedPreconditionError,
  HirelearnError,
  InvalidArgumentError,
  NotFoundError,
  unary,
  type Caller,
  type ServiceBinding,
} from '@hirelearn/rpc';
import type { EventStore } from '@hirelearn/store';
import { analyzeFromStore } from '../analysis/analyze';
import { Assigner } from '../assignment/assigner';
import { growthbookPayload } from '../assignment/feature-json';
import { personalizationOptOuts } from '../assignment/opt-out-queries';
import type { Actor } from '../catalog/documents';
import type { ExperimentCatalog, CatalogResult } from '../catalog/catalog';
import { applyRampStep, rollbackExperiment, type RampOutcome } from '../rollout/ramp';
import type { Experiment } from '../types';
import {
  assignmentToPb,
  changeToPb,
  decisionToPb,
  definitionFromPb,
  experimentToPb,
  resultsToPb,
  statusFromPb,
} from './convert';

/** What the handlers run on: the catalog, and the event store for the length of one call. */
export interface ExperimentsBackend {
  readonly catalog: ExperimentCatalog;
  withEvents<T>(work: (store: EventStore) => Promise<T>): Promise<T>;
  /**
   * The opt-outs `Assign` uses (default: read from the store at each call). The learning
   * engine passes its `OptOutCache`, so assignment never waits for the store's lock.
   */
  optOuts?(): ReadonlySet<string> | Promise<ReadonlySet<string>>;
}

/** The experiment of an ok result; any refusal as the error its status maps to. */
function accepted(r: CatalogResult): Experiment {
  if (r.status === 'ok' && r.experiment) return r.experiment;
  switch (r.status) {
    case 'invalid':
      throw new InvalidArgumentError(r.reason);
    case 'exists':
      throw new HirelearnError('already_exists', r.reason);
    case 'not_found':
      throw new NotFoundError(r.reason);
    case 'conflict':
      throw new ConflictError(r.reason);
    default:
      // invalid_transition, ethics_refused: valid requests the current state refuses.
      throw new FailedPreconditionError(r.reason);
  }
}

const required = (value: string, field: string): string => {
  if (value.trim() === '') throw new InvalidArgumentError(`${field}: required`);
  return value;
};

/**
 * Who acts, recorded in the change log: the caller the server authenticated (the request's
 * `who` is ignored, kept on the wire for old clients), and why (default: the action).
 */
function actor(caller: Caller | null, r: { why: string }, action: string): Actor {
  return { who: actorOf(caller), why: r.why || action };
}

async function mustGet(catalog: ExperimentCatalog, id: string): Promise<Experiment> {
  const e = await catalog.get(required(id, 'experiment_id'));
  if (!e) throw new NotFoundError(`experiment_id: no experiment '${id}'`);
  return e;
}

async function decisionResponse(
  catalog: ExperimentCatalog,
  id: string,
  out: RampOutcome,
): Promise<pb.DecisionResponse> {
  if (!out.decision) accepted(out.catalog);
  const experiment = out.catalog.experiment ?? (await mustGet(catalog, id));
  return {
    decision: out.decision ? decisionToPb(out.decision) : undefined,
    experiment: experimentToPb(experiment),
    results: out.decision?.evidence ? resultsToPb(out.decision.evidence) : undefined,
  };
}

/** The Experiments service's binding over `backend`. */
export function experimentsBinding(backend: ExperimentsBackend): ServiceBinding {
  const { catalog } = backend;
  const implementation: pb.ExperimentsServer = {
    createExperiment: unary(async (r: pb.CreateExperimentRequest, caller) => ({
      experiment: experimentToPb(
        accepted(await catalog.create(definitionFromPb(r.definition), actor(caller, r, 'created'))),
      ),
    })),
    startExperiment: unary(async (r: pb.ExperimentActionRequest, caller) => ({
      experiment: experimentToPb(
        accepted(
          await catalog.start(
            required(r.experiment_id, 'experiment_id'),
            actor(caller, r, 'start'),
          ),
        ),
      ),
    })),
    pauseExperiment: unary(async (r: pb.ExperimentActionRequest, caller) => ({
      experiment: experimentToPb(
        accepted(
          await catalog.pause(
            required(r.experiment_id, 'experiment_id'),
            actor(caller, r, 'pause'),
          ),
        ),
      ),
    })),
    getExperiment: unary(async (r: pb.GetExperimentRequest) => {
      const e = await mustGet(catalog, r.experiment_id);
      return {
        experiment: experimentToPb(e),
        changes: (await catalog.history(e.experiment_id)).map(changeToPb),
        decisions: (await catalog.decisions(e.experiment_id)).map(decisionToPb),
      };
    }),
    listExperiments: unary(async (r: pb.ListExperimentsRequest) => ({
      experiments: (await catalog.list(statusFromPb(r.status, 'status'))).map(experimentToPb),
    })),
    assign: unary(async (r: pb.AssignRequest) => {
      const e = await mustGet(catalog, r.experiment_id);
      if (r.user_ids.length === 0) throw new InvalidArgumentError('user_ids: give at least one');
      const optedOut = backend.optOuts
        ? await backend.optOuts()
        : await backend.withEvents(personalizationOptOuts);
      const assigner = new Assigner([e]);
      try {
        return {
          assignments: r.user_ids.map((u) =>
            assignmentToPb(assigner.assign(e.experiment_id, u, optedOut.has(u))),
          ),
        };
      } finally {
        assigner.destroy();
      }
    }),
    analyseExperiment: unary(async (r: pb.AnalyseExperimentRequest) => {
      const e = await mustGet(catalog, r.experiment_id);
      return resultsToPb(
        await backend.withEvents((store) => analyzeFromStore(store, e, catalog.settings)),
      );
    }),
    ramp: unary(async (r: pb.RampRequest, caller) => {
      const e = await mustGet(catalog, r.experiment_id);
      const by = actor(caller, r, 'ramp step');
      const results = await backend.withEvents((store) =>
        analyzeFromStore(store, e, catalog.settings),
      );
      const out = await applyRampStep(catalog, e.experiment_id, results, by);
      return decisionResponse(catalog, e.experiment_id, out);
    }),
    rollback: unary(async (r: pb.ExperimentActionRequest, caller) => {
      const id = required(r.experiment_id, 'experiment_id');
      const out = await rollbackExperiment(catalog, id, actor(caller, r, 'manual rollback'));
      return decisionResponse(catalog, id, out);
    }),
    exportFeatures: unary(async (r: pb.ExportFeaturesRequest) => {
      const experiments =
        r.experiment_ids.length === 0
          ? await catalog.list()
          : await Promise.all(r.experiment_ids.map((id) => mustGet(catalog, id)));
      return { payload_json: JSON.stringify(growthbookPayload(experiments)) };
    }),
  };
  return { service: pb.ExperimentsService, implementation };
}
