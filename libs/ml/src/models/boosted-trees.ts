import { createRng } from '@hirelearn/stats';
import {
  checkTrainingData,
  type BinaryModel,
  type BoostedTreesArtifact,
  type FitResult,
  type TreeNode,
} from './types';

// Module-level aliases: global lookups are slow inside jest's sandbox and these run per row.
const { exp, log, max } = Math;

export interface BoostedTreesSettings {
  readonly trees: number;
  readonly depth: number;
  readonly learningRate: number;
  /** L2 penalty on leaf values (XGBoost's λ). */
  readonly l2: number;
  /** Minimum hessian sum per child (XGBoost's min_child_weight). */
  readonly minChildWeight: number;
  /** Fraction of rows each tree sees (stochastic gradient boosting, Friedman 2002). */
  readonly subsample: number;
  /** Candidate split points per feature (quantiles of the training data). */
  readonly maxBins: number;
  readonly seed: number;
  readonly minRows: number;
}

export const DEFAULT_BOOSTED_TREES: BoostedTreesSettings = Object.freeze({
  trees: 150,
  depth: 2,
  learningRate: 0.05,
  l2: 1,
  minChildWeight: 20,
  subsample: 0.8,
  maxBins: 32,
  seed: 1,
  minRows: 50,
});

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

/** A fitted tree ensemble: p = σ(base + η Σ_t tree_t(x)). */
export class BoostedTreesModel implements BinaryModel {
  readonly kind = 'boosted_trees' as const;
  constructor(readonly artifact: BoostedTreesArtifact) {
    Object.freeze(this);
  }

  static fromArtifact(a: BoostedTreesArtifact): BoostedTreesModel {
    return new BoostedTreesModel(a);
  }

  margin(x: readonly number[]): number {
    let z = this.artifact.base_score;
    const lr = this.artifact.learning_rate;
    for (const tree of this.artifact.trees) {
      let i = 0;
      while (tree[i].f >= 0) i = x[tree[i].f] <= tree[i].t ? tree[i].l : tree[i].r;
      z += lr * tree[i].v;
    }
    return z;
  }

  predict(X: readonly (readonly number[])[]): number[] {
    return X.map((x) => sigmoid(this.margin(x)));
  }

  toArtifact(): BoostedTreesArtifact {
    return this.artifact;
  }
}

/** Quantile split points of one column (distinct, ascending). */
function splitPoints(values: readonly number[], maxBins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const v = sorted[Math.floor((b * sorted.length) / maxBins)];
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  // The largest value never splits anything off.
  while (out.length > 0 && out[out.length - 1] >= sorted[sorted.length - 1]) out.pop();
  return out;
}

/**
 * Gradient-boosted shallow regression trees on the log loss with second-order (Newton)
 * leaf values, histogram split finding and row subsampling (Friedman 2001, 2002; Chen &
 * Guestrin 2016): leaf value −G/(H+λ), split gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ).
 * Seeded: the same data and seed give the same trees.
 */
export class BoostedTrees {
  readonly settings: BoostedTreesSettings;
  constructor(settings: Partial<BoostedTreesSettings> = {}) {
    this.settings = Object.freeze({ ...DEFAULT_BOOSTED_TREES, ...settings });
  }

  fit(X: readonly (readonly number[])[], y: readonly number[]): FitResult<BoostedTreesModel> {
    const bad = checkTrainingData(X, y, this.settings.minRows);
    if (bad) return bad;
    const s = this.settings;
    const n = X.length;
    const k = X[0].length;
    const edges = Array.from({ length: k }, (_, j) =>
      splitPoints(
        X.map((x) => x[j]),
        s.maxBins,
      ),
    );
    // bins[j][i] = index of the first edge >= x (so x <= edge[b] ⇔ bin <= b).
    const bins = edges.map((e, j) => {
      const col = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        let b = 0;
        while (b < e.length && X[i][j] > e[b]) b++;
        col[i] = b;
      }
      return col;
    });
    let pos = 0;
    for (const v of y) pos += v;
    const rate = pos / n;
    const base = log(rate / (1 - rate));
    const margin = new Float64Array(n).fill(base);
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const rng = createRng(s.seed);
    const trees: TreeNode[][] = [];
    for (let t = 0; t < s.trees; t++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(margin[i]);
        g[i] = p - y[i];
        h[i] = max(p * (1 - p), 1e-12);
      }
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (rng.uniform() < s.subsample) rows.push(i);
      const nodes: TreeNode[] = [];
      this.grow(nodes, rows, 0, bins, edges, g, h);
      trees.push(nodes);
      for (let i = 0; i < n; i++) {
        let node = 0;
        while (nodes[node].f >= 0) {
          node = X[i][nodes[node].f] <= nodes[node].t ? nodes[node].l : nodes[node].r;
        }
        margin[i] += s.learningRate * nodes[node].v;
      }
    }
    return {
      status: 'ok',
      model: new BoostedTreesModel(
        Object.freeze({
          kind: 'boosted_trees',
          base_score: base,
          learning_rate: s.learningRate,
          trees,
        }),
      ),
    };
  }

  /** Appends the subtree over `rows` to `nodes` and returns its index. */
  private grow(
    nodes: TreeNode[],
    rows: readonly number[],
    depth: number,
    bins: readonly Uint8Array[],
    edges: readonly (readonly number[])[],
    g: Float64Array,
    h: Float64Array,
  ): number {
    const { l2, minChildWeight } = this.settings;
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i];
      H += h[i];
    }
    const index = nodes.length;
    nodes.push({ f: -1, t: 0, l: -1, r: -1, v: -G / (H + l2) });
    if (depth >= this.settings.depth || H < 2 * minChildWeight) return index;
    const parentScore = (G * G) / (H + l2);
    let best = { gain: 1e-9, f: -1, b: -1 };
    for (let j = 0; j < bins.length; j++) {
      const nb = edges[j].length + 1;
      if (nb < 2) continue;
      const hg = new Float64Array(nb);
      const hh = new Float64Array(nb);
      const col = bins[j];
      for (const i of rows) {
        hg[col[i]] += g[i];
        hh[col[i]] += h[i];
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hg[b];
        hl += hh[b];
        const hr = H - hl;
        if (hl < minChildWeight || hr < minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > best.gain) best = { gain, f: j, b };
      }
    }
    if (best.f < 0) return index;
    const col = bins[best.f];
    const left = rows.filter((i) => col[i] <= best.b);
    const right = rows.filter((i) => col[i] > best.b);
    const l = this.grow(nodes, left, depth + 1, bins, edges, g, h);
    const r = this.grow(nodes, right, depth + 1, bins, edges, g, h);
    nodes[index] = { f: best.f, t: edges[best.f][best.b], l, r, v: 0 };
    return index;
  }
}
