import { createRng } from '@hirelearn/stats';
import { meanLogLoss } from '../calibration';
import { logisticData } from '../testing/synthetic';
import { BoostedTrees, BoostedTreesModel } from './boosted-trees';
import { LogisticModel, RidgeLogistic } from './logistic-model';
import { NeuralNet, NeuralNetModel } from './neural-net';

/** y = 1 with probability 0.9 when x0 and x1 have the same sign, else 0.1 (XOR: no linear signal). */
function xorData(n: number, seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal()];
    X.push(x);
    y.push(rng.uniform() < (x[0] * x[1] > 0 ? 0.9 : 0.1) ? 1 : 0);
  }
  return { X, y };
}

describe('RidgeLogistic', () => {
  it('recovers planted coefficients and shrinks them as the penalty grows', () => {
    const { X, y } = logisticData(4000, -0.5, [1, -2, 0], 11);
    const fit = new RidgeLogistic({ lambda: 1e-6 }).fit(X, y);
    expect(fit.status).toBe('ok');
    if (fit.status !== 'ok') return;
    const a = fit.model.artifact;
    expect(a.intercept).toBeCloseTo(-0.5, 0);
    expect(a.coefficients[0]).toBeGreaterThan(0.85);
    expect(a.coefficients[0]).toBeLessThan(1.15);
    expect(a.coefficients[1]).toBeGreaterThan(-2.3);
    expect(a.coefficients[1]).toBeLessThan(-1.7);
    expect(Math.abs(a.coefficients[2])).toBeLessThan(0.15);
    const heavy = new RidgeLogistic({ lambda: 5000 }).fit(X, y);
    if (heavy.status !== 'ok') throw new Error(heavy.reason);
    expect(Math.abs(heavy.model.artifact.coefficients[1])).toBeLessThan(Math.abs(a.coefficients[1]));
    const back = LogisticModel.fromArtifact(JSON.parse(JSON.stringify(a)));
    expect(back.predict(X.slice(0, 5))).toEqual(fit.model.predict(X.slice(0, 5)));
  });

  it('a feature constant in training is penalized: coefficient 0, the rest as without it', () => {
    // Beside the unpenalized intercept a constant column would make the system singular; the
    // ridge on it puts the whole level in the free intercept.
    const { X, y } = logisticData(500, -0.5, [1, -2], 12);
    const without = new RidgeLogistic().fit(X, y);
    const withConstant = new RidgeLogistic().fit(
      X.map((x) => [...x, 3]),
      y,
    );
    if (without.status !== 'ok') throw new Error(without.reason);
    if (withConstant.status !== 'ok') throw new Error(withConstant.reason);
    const a = withConstant.model.artifact;
    expect(Math.abs(a.coefficients[2])).toBeLessThan(1e-8);
    expect(a.intercept).toBeCloseTo(without.model.artifact.intercept, 8);
    a.coefficients
      .slice(0, 2)
      .forEach((b, j) => expect(b).toBeCloseTo(without.model.artifact.coefficients[j], 8));
  });

  it('returns a status, not a throw, for too little data or one class', () => {
    expect(new RidgeLogistic().fit([[1]], [1]).status).toBe('insufficient_data');
    const X = Array.from({ length: 60 }, (_, i) => [i]);
    expect(new RidgeLogistic().fit(X, X.map(() => 0)).status).toBe('constant_outcome');
  });
});

describe('BoostedTrees', () => {
  const train = xorData(3000, 1);
  const test = xorData(2000, 2);

  it('learns an interaction a linear model cannot, deterministically under a seed', () => {
    const trees = new BoostedTrees({ trees: 40, depth: 3, minChildWeight: 5, seed: 7 }).fit(train.X, train.y);
    const lin = new RidgeLogistic().fit(train.X, train.y);
    if (trees.status !== 'ok' || lin.status !== 'ok') throw new Error('fit failed');
    const lt = meanLogLoss(trees.model.predict(test.X), test.y);
    const ll = meanLogLoss(lin.model.predict(test.X), test.y);
    expect(ll).toBeGreaterThan(0.68); // no linear signal: about ln 2
    expect(lt).toBeLessThan(0.45); // Bayes log loss here is 0.325
    const again = new BoostedTrees({ trees: 40, depth: 3, minChildWeight: 5, seed: 7 }).fit(train.X, train.y);
    if (again.status !== 'ok') throw new Error('fit failed');
    expect(again.model.artifact).toEqual(trees.model.artifact);
    const other = new BoostedTrees({ trees: 40, depth: 3, minChildWeight: 5, seed: 8 }).fit(train.X, train.y);
    if (other.status !== 'ok') throw new Error('fit failed');
    expect(other.model.artifact).not.toEqual(trees.model.artifact);
    const back = BoostedTreesModel.fromArtifact(JSON.parse(JSON.stringify(trees.model.artifact)));
    expect(back.predict(test.X.slice(0, 20))).toEqual(trees.model.predict(test.X.slice(0, 20)));
  });
});

describe('NeuralNet (TensorFlow.js)', () => {
  const train = xorData(1200, 3);
  const test = xorData(600, 4);

  it('learns the interaction, reproducibly under a seed, and scores from its artifact', async () => {
    const settings = { hidden: [8], epochs: 10, batchSize: 64, learningRate: 0.05, seed: 3 };
    const a = await new NeuralNet(settings).fit(train.X, train.y);
    const b = await new NeuralNet(settings).fit(train.X, train.y);
    if (a.status !== 'ok' || b.status !== 'ok') throw new Error('fit failed');
    expect(b.model.artifact).toEqual(a.model.artifact);
    expect(meanLogLoss(a.model.predict(test.X), test.y)).toBeLessThan(0.5);
    const back = NeuralNetModel.fromArtifact(JSON.parse(JSON.stringify(a.model.artifact)));
    expect(back.predict(test.X.slice(0, 10))).toEqual(a.model.predict(test.X.slice(0, 10)));
    expect(a.model.artifact.layers.map((l) => l.bias.length)).toEqual([8, 1]);
  });
});
