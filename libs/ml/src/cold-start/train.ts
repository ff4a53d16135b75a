import * as tf from '@tensorflow/tfjs';
import { createRng, ols, shuffle } from '@hirelearn/stats';
import { splitByUser } from '../split';
import { DAY_ONE_FIELDS, withoutFields, type DayOneFeatures, type DayOneField } from './day-one';
import { fitDayOneLogistic } from './day-one-logistic';
import { encodeDayOne, fitColdStartEncoder } from './encoder';
import { ColdStartModel, segmentKeys } from './model';
import { expectedInterviewRate } from './rate-distribution';
import { DEFAULT_COLD_START, type ColdStartSettings } from './settings';
import type {
  ColdStartFailure,
  ColdStartLayer,
  ColdStartMetrics,
  ColdStartPeer,
  ColdStartSegment,
  ColdStartTrainingUser,
  ColdStartVarianceModel,
} from './types';

const { log, max, min } = Math;

/** A trained embedder and its held-out figures. */
export interface ColdStartTraining {
  readonly status: 'ok';
  readonly model: ColdStartModel;
  readonly metrics: ColdStartMetrics;
}

/** Fewest established users a model is trained on (each split needs some). */
const MIN_USERS = 60;
/** Cap of the answer pool (day-one features standing for possible answers). */
const ANSWER_POOL = 1000;

const firstRate = (u: ColdStartTrainingUser) => u.first_interviews / u.first_applications;

/** A random subset of the fields, each hidden with probability `rate`. */
function randomMask(rng: ReturnType<typeof createRng>, rate: number): DayOneField[] {
  return DAY_ONE_FIELDS.filter(() => rng.uniform() < rate);
}

/**
 * The network, wide and deep: day-one row → ReLU layers → a tanh layer (deep), and the row
 * → one linear logit (wide); the embedding is both side by side, and a sigmoid head on it
 * gives the interview rate. Trained (Adam, binary cross-entropy on the soft label k/n of
 * each user's first `horizon` applications) with TensorFlow.js on the active backend (WASM
 * in the command and bench: `useTensorFlowWasmBackend`). It starts at the logistic
 * regression on the same rows (wide part = its coefficients, head weight 1 on the wide
 * logit and 0 on the deep units), so the deep part only has to add what is not linear, and
 * early stopping on the calibration users keeps the best epoch, the start included. Each
 * epoch hides random fields of every row (missing indicators set), so the head learns the
 * rate given what is known. The head is linear in the embedding, so users close in the
 * embedding have close predicted rates: it is shaped by outcomes, not by profile looks.
 */
async function trainNetwork(
  users: readonly ColdStartTrainingUser[],
  validation: readonly ColdStartTrainingUser[],
  encode: (f: DayOneFeatures) => number[],
  s: ColdStartSettings,
  seed: number,
): Promise<{ layers: ColdStartLayer[]; wide: ColdStartLayer; epochs: number } | null> {
  await tf.ready();
  // Fitted on the training users only: the calibration users stay unseen, for early
  // stopping and for the variance model (residuals of users the fit saw are too small).
  const start = fitDayOneLogistic(
    users,
    users.map((u) => encode(u.day_one)),
  );
  if (!start) return null;
  const inputs = encode(users[0].day_one).length;
  const input = tf.input({ shape: [inputs] });
  const deep = [...s.hidden, s.embeddingDim].map((u, l) =>
    tf.layers.dense({
      units: u,
      activation: l < s.hidden.length ? 'relu' : 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + l }),
      biasInitializer: 'zeros',
      kernelRegularizer: s.l2 > 0 ? tf.regularizers.l2({ l2: s.l2 }) : undefined,
    }),
  );
  const wideLayer = tf.layers.dense({ units: 1, activation: 'linear' });
  const head = tf.layers.dense({ units: 1, activation: 'sigmoid' });
  let h: tf.SymbolicTensor = input;
  for (const layer of deep) h = layer.apply(h) as tf.SymbolicTensor;
  const wideOut = wideLayer.apply(input) as tf.SymbolicTensor;
  const embedding = tf.layers.concatenate().apply([h, wideOut]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: head.apply(embedding) as tf.SymbolicTensor });
  wideLayer.setWeights([
    tf.tensor2d([...start.coefficients], [inputs, 1]),
    tf.tensor1d([start.intercept]),
  ]);
  const headStart = new Array<number>(s.embeddingDim + 1).fill(0);
  headStart[s.embeddingDim] = 1;
  head.setWeights([tf.tensor2d(headStart, [s.embeddingDim + 1, 1]), tf.tensor1d([0])]);
  model.compile({ optimizer: tf.train.adam(s.learningRate), loss: 'binaryCrossentropy' });
  const rng = createRng(`${seed}/cold-start-train`);
  const order = users.map((_, i) => i);
  const read = (layer: tf.layers.Layer, activation: ColdStartLayer['activation']) => {
    const [kernel, bias] = layer.getWeights();
    return Object.freeze({
      kernel: Array.from(kernel.dataSync()),
      bias: Array.from(bias.dataSync()),
      activation,
    });
  };
  const weights = () => ({
    layers: [
      ...deep.map((l, i) => read(l, i < s.hidden.length ? 'relu' : 'tanh')),
      read(head, 'sigmoid'),
    ],
    wide: read(wideLayer, 'linear'),
  });
  // Early stopping on the calibration users as they are (no masks): the epoch whose
  // per-application log loss is lowest is kept (the logistic start counts as epoch 0).
  const xv = validation.length
    ? tf.tensor2d(
        validation.map((u) => encode(u.day_one)),
        [validation.length, inputs],
      )
    : null;
  const validationLoss = (): number => {
    if (!xv) return 0;
    const out = model.predict(xv) as tf.Tensor;
    const p = out.dataSync();
    out.dispose();
    return userLevelScores(
      validation.map((u, i) => ({ k: u.first_interviews, n: u.first_applications, p: p[i] })),
    ).log_loss;
  };
  let best = { loss: validationLoss(), epochs: 0, ...weights() };
  try {
    // Without validation users every one of `s.epochs` epochs runs (the refit on all users).
    for (let e = 0, stale = 0; e < s.epochs && (!xv || stale < s.patience); e++) {
      const perm = shuffle(rng, order);
      for (let b = 0; b < perm.length; b += s.batchSize) {
        const idx = perm.slice(b, b + s.batchSize);
        const xb = tf.tensor2d(
          idx.map((i) => encode(withoutFields(users[i].day_one, randomMask(rng, s.maskRate)))),
          [idx.length, inputs],
        );
        const yb = tf.tensor2d(
          idx.map((i) => [firstRate(users[i])]),
          [idx.length, 1],
        );
        await model.trainOnBatch(xb, yb);
        xb.dispose();
        yb.dispose();
      }
      const loss = validationLoss();
      if (loss < best.loss - s.minImprovement) {
        best = { loss, epochs: e + 1, ...weights() };
        stale = 0;
      } else stale++;
    }
    return xv
      ? { layers: best.layers, wide: best.wide, epochs: best.epochs }
      : { ...weights(), epochs: s.epochs };
  } finally {
    xv?.dispose();
    model.dispose();
  }
}

/**
 * The variance of the true rate around the network's estimate, by moments on users the
 * network did not see: E[(y − m)²] = Var(true | x) + E[m(1 − m)/n], so the squared residual
 * minus the binomial part is an unbiased reading of the true-rate variance. Each calibration
 * user is read with every field known as given and under random masks, and the reading is
 * regressed on m(1 − m) and the missing indicators: a missing field adds what it costs.
 */
function fitVariance(
  users: readonly ColdStartTrainingUser[],
  model: ColdStartModel,
  s: ColdStartSettings,
  seed: number,
): ColdStartVarianceModel {
  const rng = createRng(`${seed}/cold-start-variance`);
  const names = ['intercept', 'binomial', ...DAY_ONE_FIELDS.map((f) => `missing:${f}`)];
  const X: number[][] = [];
  const y: number[] = [];
  for (const u of users) {
    const masks = [[], ...Array.from({ length: s.masksPerUser }, () => randomMask(rng, 0.5))];
    for (const mask of masks) {
      const f = withoutFields(u.day_one, mask);
      const m = model.forward(f).probability;
      const n = u.first_applications;
      X.push([1, m * (1 - m), ...DAY_ONE_FIELDS.map((field) => (f[field] === null ? 1 : 0))]);
      y.push((firstRate(u) - m) ** 2 - (m * (1 - m)) / n);
    }
  }
  // Fields never missing in any reading carry no information (a constant column).
  const keep = names.map((_, j) => j).filter((j) => j < 2 || X.some((x) => x[j] !== X[0][j]));
  const fit = ols(
    X.map((x) => keep.map((j) => x[j])),
    y,
  );
  // A field made unknown cannot lower the true rate's variance on average (total variance:
  // E[Var(p | fewer fields)] >= E[Var(p | more)]); a negative estimate is noise, read as 0.
  const coefficients =
    fit.status === 'ok'
      ? fit.coefficients.map((c, j) => (names[keep[j]].startsWith('missing:') ? max(0, c) : c))
      : keep.map((_, j) => (j === 0 ? mean(y) : 0));
  return Object.freeze({
    names: Object.freeze(keep.map((j) => names[j])),
    coefficients: Object.freeze([...coefficients]),
  });
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Segment figures over the established users (seniority x first role, seniority, all). */
function segmentFigures(
  users: readonly ColdStartTrainingUser[],
  s: ColdStartSettings,
): ColdStartSegment[] {
  const groups = new Map<string, ColdStartTrainingUser[]>();
  for (const u of users) {
    for (const key of segmentKeys(u.day_one)) {
      const g = groups.get(key);
      if (g) g.push(u);
      else groups.set(key, [u]);
    }
  }
  const out: ColdStartSegment[] = [];
  for (const [key, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (g.length < s.kAnonymity && key !== 'all') continue;
    const rates = g.map(firstRate);
    const m = mean(rates);
    const observed = rates.reduce((a, r) => a + (r - m) ** 2, 0) / max(1, rates.length - 1);
    const binomial = mean(g.map((u) => (m * (1 - m)) / u.first_applications));
    out.push(
      Object.freeze({
        key,
        users: g.length,
        rate: m,
        true_rate_variance: max(s.minTrueRateVariance, observed - binomial),
      }),
    );
  }
  return out;
}

/** Per-application Brier and log loss of a user-level rate over a user's first applications. */
export function userLevelScores(
  rows: readonly { readonly k: number; readonly n: number; readonly p: number }[],
): { brier: number; log_loss: number } {
  let b = 0;
  let l = 0;
  let n = 0;
  for (const r of rows) {
    const p = min(1 - 1e-6, max(1e-6, r.p));
    b += r.k * (1 - p) ** 2 + (r.n - r.k) * p ** 2;
    l -= r.k * log(p) + (r.n - r.k) * log(1 - p);
    n += r.n;
  }
  return { brier: b / n, log_loss: l / n };
}

/**
 * Trains the cold-start embedder on established users (at least `establishedApplications`
 * labelled applications; opted-out users are left out by the loader). Users are split by a
 * seeded draw: the network learns on `train`, the variance model on `calibration`, and the
 * recorded metrics come from `test`. The peer index holds every successful established user
 * (at least `successRate` over all their applications), embedded with their full day-one data.
 */
export async function trainColdStart(
  trainingUsers: readonly ColdStartTrainingUser[],
  overrides: Partial<ColdStartSettings> = {},
  seed = 1,
): Promise<ColdStartTraining | ColdStartFailure> {
  const s: ColdStartSettings = Object.freeze({ ...DEFAULT_COLD_START, ...overrides });
  const users = trainingUsers.filter(
    (u) => u.applications >= s.establishedApplications && u.first_applications > 0,
  );
  if (users.length < MIN_USERS) {
    return {
      status: 'insufficient_data',
      reason: `${users.length} established users (at least ${s.establishedApplications} applications), need ${MIN_USERS}`,
    };
  }
  const rates = users.map(firstRate);
  if (rates.every((r) => r === rates[0])) {
    return { status: 'constant_outcome', reason: `every user's rate is ${rates[0]}` };
  }
  const [trainIdx, calIdx, testIdx] = splitByUser(
    users.map((u) => u.user_id),
    [1 - s.calibrationFraction - s.testFraction, s.calibrationFraction, s.testFraction],
    seed,
  );
  const train = trainIdx.map((i) => users[i]);
  const cal = calIdx.map((i) => users[i]);
  const test = testIdx.map((i) => users[i]);
  const encoderOf = (group: readonly ColdStartTrainingUser[]) =>
    fitColdStartEncoder(
      group.map((u) => u.day_one),
      s.minCategoryCount,
    );
  const notConverged: ColdStartFailure = {
    status: 'not_converged',
    reason: 'the logistic start of the wide part did not converge',
  };
  // Early stopping on the calibration users picks the number of epochs; the network is then
  // trained again for that many on the training and calibration users together, so the
  // embedder learns from as many users as the logistic baseline (b) does. The variance model
  // reads the first network's residuals on the calibration users it never saw (residuals of
  // users a fit saw are too small); the refit sees more users, so it errs no more than that.
  const firstEncoder = encoderOf(train);
  const first = await trainNetwork(train, cal, (f) => encodeDayOne(firstEncoder, f), s, seed);
  if (!first) return notConverged;
  const pooled = [...train, ...cal];
  const encoder = cal.length ? encoderOf(pooled) : firstEncoder;
  const network = cal.length
    ? await trainNetwork(
        pooled,
        [],
        (f) => encodeDayOne(encoder, f),
        { ...s, epochs: first.epochs },
        seed,
      )
    : first;
  if (!network) return notConverged;
  const populationRate = mean(pooled.map(firstRate));

  const draft = (
    variance: ColdStartVarianceModel,
    peers: ColdStartPeer[],
    radius: number,
    net: { layers: ColdStartLayer[]; wide: ColdStartLayer } = network,
    enc = encoder,
  ) =>
    new ColdStartModel(
      Object.freeze({
        format: 'hirelearn.cold-start/v1',
        encoder: enc,
        layers: Object.freeze(net.layers),
        wide: net.wide,
        embedding_dim: s.embeddingDim + 1,
        variance,
        population_rate: populationRate,
        segments: Object.freeze(segmentFigures(users, s)),
        peers: Object.freeze(peers),
        peer_radius: radius,
        answer_pool: Object.freeze(
          shuffle(createRng(`${seed}/answer-pool`), train)
            .slice(0, ANSWER_POOL)
            .map((u) => u.day_one),
        ),
        settings: s,
        metrics: undefined as unknown as ColdStartMetrics,
        seed,
      }),
    );
  const noVariance: ColdStartVarianceModel = { names: ['intercept'], coefficients: [0] };
  const variance = fitVariance(
    cal.length ? cal : train,
    draft(noVariance, [], 0, first, firstEncoder),
    s,
    seed,
  );

  const base = draft(variance, [], 0);
  const peers: ColdStartPeer[] = users
    .filter((u) => u.interviews / u.applications >= s.successRate)
    .map((u) =>
      Object.freeze({
        embedding: Object.freeze(base.forward(u.day_one).embedding.map((x) => Math.fround(x))),
        applications: u.applications,
        interviews: u.interviews,
        segment: segmentKeys(u.day_one)[0],
        cells: u.cells,
        resume: Object.freeze({
          bullet_metric_share: u.day_one.bullet_metric_share,
          action_verb_share: u.day_one.action_verb_share,
          certifications_count: u.day_one.certifications_count,
          skills_count: u.day_one.skills_count,
          page_count: u.day_one.page_count,
        }),
      }),
    );
  // The radius: peerRadius times the median distance from a held-out user to their
  // minPeers-th nearest successful user, so "near" scales with the embedding learned.
  const withPeers = draft(variance, peers, Infinity);
  const nearestDistances = (cal.length ? cal : train)
    .map(
      (u) =>
        withPeers.nearest(withPeers.forward(u.day_one).embedding, s.minPeers, Infinity)[
          s.minPeers - 1
        ]?.distance,
    )
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  const radius =
    nearestDistances.length > 0
      ? s.peerRadius * nearestDistances[Math.floor(nearestDistances.length / 2)]
      : Infinity;

  const model0 = draft(variance, peers, radius);
  const scored = test.map((u) => {
    const r = model0.rate(u.day_one);
    const e = expectedInterviewRate(r.mean, r.variance, s.horizon, s.confidence);
    const realized = firstRate(u);
    return {
      k: u.first_interviews,
      n: u.first_applications,
      p: r.mean,
      covered:
        realized >= e.prediction_interval[0] - 1e-9 && realized <= e.prediction_interval[1] + 1e-9,
      width: e.prediction_interval[1] - e.prediction_interval[0],
    };
  });
  const model = userLevelScores(scored);
  const population = userLevelScores(scored.map((r) => ({ ...r, p: populationRate })));
  const metrics: ColdStartMetrics = Object.freeze({
    n_train: train.length,
    n_calibration: cal.length,
    n_test: test.length,
    brier: model.brier,
    log_loss: model.log_loss,
    brier_population: population.brier,
    log_loss_population: population.log_loss,
    prediction_interval_coverage: mean(scored.map((r) => (r.covered ? 1 : 0))),
    mean_prediction_interval_width: mean(scored.map((r) => r.width)),
    horizon: s.horizon,
  });
  const final = new ColdStartModel(Object.freeze({ ...model0.artifact, metrics }));
  return Object.freeze({ status: 'ok', model: final, metrics });
}
