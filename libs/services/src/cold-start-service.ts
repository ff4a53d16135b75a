import {
  coldStartInsights,
  ColdStartModel,
  DAY_ONE_FIELDS,
  nextQuestion,
  COLD_START_FILE_FORMAT,
  parseColdStartFile,
  type ColdStartArtifact,
  type ColdStartArtifactFile,
  type ColdStartInsights,
  type EditEffectInput,
} from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError, unary, type ServiceBinding } from '@hirelearn/rpc';
import type { ModelVersion } from '@hirelearn/registry';
import {
  ANSWER_KINDS,
  answerOf,
  dayOneOfRequest,
  dayOneOfUser,
  type DayOneRequest,
} from './cold-start-request';
import { describeServed, inferenceBinding } from './inference';
import type { PredictionLog } from './prediction-log';
import { ServedModel, type RegistryView } from './served-model';
import type { DecodedInputs, TensorSpec } from './tensors';

/** The registry model the cold-start embedder serves. */
export const COLD_START_MODEL = 'cold-start';

export interface ColdStartServiceSettings {
  /** Most users one ModelInfer call may carry. */
  readonly maxBatch: number;
}

export const DEFAULT_COLD_START_SERVICE: ColdStartServiceSettings = Object.freeze({
  maxBatch: 10_000,
});

/**
 * A cold-start artifact as the embedder loads it (its format checked, the peer index built):
 * the columnar file `serializeColdStart` writes, or a version registered before it (v1, one
 * JSON object per peer).
 */
export function parseColdStart(content: Buffer): ColdStartModel {
  const a = JSON.parse(content.toString('utf8')) as { readonly format?: unknown } | null;
  if (a?.format === COLD_START_FILE_FORMAT) {
    return ColdStartModel.fromArtifact(parseColdStartFile(a as ColdStartArtifactFile));
  }
  if (a?.format === 'hirelearn.cold-start/v1')
    return ColdStartModel.fromArtifact(a as ColdStartArtifact);
  throw new TypeError(`not a cold-start artifact: ${String(a?.format)}`);
}

/**
 * The production cold-start model, followed through the registry. `effects` gives the
 * attribution effects the first edits are chosen from (none: no edit is advised).
 */
export function servedColdStart(registry: RegistryView): ServedModel<ColdStartModel> {
  return new ServedModel(COLD_START_MODEL, registry, parseColdStart);
}

/** Where the first edits' effects come from (the newest attribution the service knows). */
export type EditEffects = () => readonly EditEffectInput[];
const NO_EFFECTS: EditEffects = () => [];

/** One user's insights from the version loaded now, and that version. */
export interface AnsweredUser {
  readonly version: ModelVersion;
  readonly request: DayOneRequest;
  readonly insights: ColdStartInsights;
}

/**
 * The insights of users on the version loaded now (one version for the whole call), each
 * logged as a day-one prediction (7.5.4): the user, the day-one features' hash, the expected
 * rate as the probability, and the prediction interval over the first `horizon`
 * applications, so the user's first applications can score it when their outcomes arrive.
 */
export function insightsLogged(
  served: ServedModel<ColdStartModel>,
  log: PredictionLog | null,
  users: readonly DayOneRequest[],
  effects: EditEffects = NO_EFFECTS,
): {
  readonly version: ModelVersion;
  readonly model: ColdStartModel;
  readonly answers: AnsweredUser[];
} {
  const { version, model } = served.require();
  const answers = users.map((request) => ({
    version,
    request,
    insights: coldStartInsights(model, request.day_one.features, effects()),
  }));
  log?.log(
    answers.map(({ request, insights }) => ({
      model: version.model,
      version: version.version,
      user_id: request.user_id,
      application_id: '',
      inputs: request.day_one.features,
      probability: insights.expected_interview_rate.estimate,
      horizon: insights.expected_interview_rate.horizon,
      prediction_interval: insights.expected_interview_rate.prediction_interval,
    })),
  );
  return { version, model, answers };
}

const interval = ([low, high]: readonly [number, number]): pb.RateInterval => ({ low, high });

/** The spec's ColdStartInsights as its message (intervals as {low, high}). */
export function insightsToPb(i: ColdStartInsights): pb.ColdStartInsights {
  const r = i.expected_interview_rate;
  return {
    expected_interview_rate: {
      estimate: r.estimate,
      interval: interval(r.interval),
      prediction_interval: interval(r.prediction_interval),
      horizon: r.horizon,
    },
    source: i.source,
    fallback_reason: i.fallback_reason ?? '',
    peers_used: i.peers_used,
    segment: i.segment,
    roles: [...i.roles],
    seniority: [...i.seniority],
    company_stages: [...i.company_stages],
    first_edits: i.first_edits.map((e) => ({
      ...e,
      confidence_interval: interval(e.confidence_interval),
    })),
    pitfalls: [...i.pitfalls],
    confidence: i.confidence,
    reasons: [...i.reasons],
    missing_fields: [...i.missing_fields],
    k_anonymity: i.k_anonymity,
    suppressed_cells: i.suppressed_cells,
  };
}

/** Insights: the user's day-one insights with the answers so far, logged. */
export function insights(
  served: ServedModel<ColdStartModel>,
  log: PredictionLog | null,
  request: pb.InsightsRequest,
  effects: EditEffects = NO_EFFECTS,
): pb.InsightsResponse {
  const user = dayOneOfRequest(request.user);
  const { version, answers } = insightsLogged(served, log, [user], effects);
  return {
    insights: insightsToPb(answers[0].insights),
    model_name: version.model,
    model_version: version.version,
  };
}

/** NextQuestion: the question whose answer narrows the interval most, and the insights so far. */
export function askNext(
  served: ServedModel<ColdStartModel>,
  log: PredictionLog | null,
  request: pb.NextQuestionRequest,
  effects: EditEffects = NO_EFFECTS,
): pb.NextQuestionResponse {
  const user = dayOneOfRequest(request.user);
  const { version, model, answers } = insightsLogged(served, log, [user], effects);
  const q = nextQuestion(model, user.day_one.features);
  return {
    question: {
      field: q.field ?? '',
      question: q.question ?? '',
      expected_gain: q.expected_gain,
      interval_width: q.interval_width,
      stop: q.stop,
      reason: q.reason,
      candidates: q.candidates.map((c) => ({ ...c })),
    },
    insights: insightsToPb(answers[0].insights),
    model_name: version.model,
    model_version: version.version,
  };
}

/** Embed: the user's point in the embedding (their own data; nothing about anyone else). */
export function embed(
  served: ServedModel<ColdStartModel>,
  request: pb.EmbedRequest,
): pb.EmbedResponse {
  const user = dayOneOfRequest(request.user);
  const { version, model } = served.require();
  return {
    embedding: [...model.forward(user.day_one.features).embedding],
    missing_fields: [...user.day_one.missing_fields],
    model_name: version.model,
    model_version: version.version,
  };
}

/** SimilarUsers: the peers in aggregate, the same figures the insights show (never an id). */
export function similarUsers(
  served: ServedModel<ColdStartModel>,
  request: pb.SimilarUsersRequest,
): pb.SimilarUsersResponse {
  const user = dayOneOfRequest(request.user);
  const { version, answers } = insightsLogged(served, null, [user]);
  const i = insightsToPb(answers[0].insights);
  return {
    source: i.source,
    fallback_reason: i.fallback_reason,
    peers_used: i.peers_used,
    segment: i.segment,
    roles: i.roles,
    seniority: i.seniority,
    company_stages: i.company_stages,
    k_anonymity: i.k_anonymity,
    suppressed_cells: i.suppressed_cells,
    model_name: version.model,
    model_version: version.version,
  };
}

/**
 * ModelInfer's inputs: one optional column per day-one field (FP64 for a number, NaN when
 * unknown; BYTES for a level or a comma-separated list, '' when unknown), the
 * user's consent to personalization and the user id the logged prediction carries.
 */
export const COLD_START_INFER_INPUTS: readonly TensorSpec[] = Object.freeze([
  ...DAY_ONE_FIELDS.map((name): TensorSpec => ({
    name,
    datatype: ANSWER_KINDS[name] === 'number' ? 'FP64' : 'BYTES',
    width: 1,
    optional: true,
  })),
  { name: 'personalization', datatype: 'BOOL', width: 1, optional: true },
  { name: 'user_id', datatype: 'BYTES', width: 1, optional: true },
]);

export const COLD_START_INFER_OUTPUTS: readonly TensorSpec[] = Object.freeze(
  ['estimate', 'interval_low', 'interval_high', 'prediction_low', 'prediction_high'].map(
    (name): TensorSpec => ({ name, datatype: 'FP64', width: 1 }),
  ),
);

/** ModelInfer's rows as the users a ColdStart call would carry: each known column an answer. */
function usersFromTensors(d: DecodedInputs): DayOneRequest[] {
  return Array.from({ length: d.rows }, (_, i) => {
    const answers: pb.QuestionAnswer[] = [];
    for (const field of DAY_ONE_FIELDS) {
      const v = d.values.get(field)?.[i] as number | string | undefined;
      if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
      answers.push(answerOf(field, v));
    }
    const consent = d.values.get('personalization')?.[i] as boolean | undefined;
    // The id is optional here (a tensor has no "absent"): '' is logged as no user, as the
    // ensemble's ModelInfer does.
    const user_id = (d.values.get('user_id')?.[i] as string | undefined) ?? '';
    const user = { user_id, answers, ...(consent !== undefined && { personalization: consent }) };
    return { user_id, day_one: dayOneOfUser(user, `inputs[row ${i}]`) };
  });
}

/** The ColdStart and Inference services of the cold-start embedder. */
export function coldStartBindings(
  served: ServedModel<ColdStartModel>,
  log: PredictionLog | null,
  settings: ColdStartServiceSettings = DEFAULT_COLD_START_SERVICE,
  effects: EditEffects = NO_EFFECTS,
): ServiceBinding[] {
  const implementation: pb.ColdStartServer = {
    embed: unary((r: pb.EmbedRequest) => embed(served, r)),
    similarUsers: unary((r: pb.SimilarUsersRequest) => similarUsers(served, r)),
    insights: unary((r: pb.InsightsRequest) => insights(served, log, r, effects)),
    nextQuestion: unary((r: pb.NextQuestionRequest) => askNext(served, log, r, effects)),
  };
  return [
    { service: pb.ColdStartService, implementation },
    inferenceBinding([
      describeServed(
        served,
        'json_params',
        COLD_START_INFER_INPUTS,
        COLD_START_INFER_OUTPUTS,
        (_loaded, decoded) => {
          if (decoded.rows > settings.maxBatch) {
            throw new InvalidArgumentError(
              `inputs: ${decoded.rows} rows in one call, at most ${settings.maxBatch}`,
            );
          }
          const { answers } = insightsLogged(served, log, usersFromTensors(decoded), effects);
          const rates = answers.map((a) => a.insights.expected_interview_rate);
          return new Map([
            ['estimate', rates.map((r) => r.estimate)],
            ['interval_low', rates.map((r) => r.interval[0])],
            ['interval_high', rates.map((r) => r.interval[1])],
            ['prediction_low', rates.map((r) => r.prediction_interval[0])],
            ['prediction_high', rates.map((r) => r.prediction_interval[1])],
          ]);
        },
      ),
    ]),
  ];
}
