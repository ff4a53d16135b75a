import { mulberry32 } from '../internal/prng';
import { requireInteger } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';

export interface IsolationForestSettings {
  /** Number of isolation trees t (default 100, as in Liu et al.). */
  readonly n_trees: number;
  /** Sub-sample size ψ per tree (default 256); capped at the number of rows. */
  readonly sample_size: number;
  /** Seed of the mulberry32 stream driving sub-sampling and splits (default 42). */
  readonly seed: number;
  /** Height limit l; default ⌈log₂ ψ⌉ (the average tree height). */
  readonly max_depth?: number;
}

export const DEFAULT_ISOLATION_FOREST_SETTINGS: IsolationForestSettings = Object.freeze({
  n_trees: 100,
  sample_size: 256,
  seed: 42,
});

export type IsolationNode =
  | { readonly kind: 'leaf'; readonly size: number }
  | {
      readonly kind: 'split';
      readonly feature: number;
      /** Rows with x[feature] < threshold go left. */
      readonly threshold: number;
      readonly left: IsolationNode;
      readonly right: IsolationNode;
    };

export interface IsolationForestModel {
  readonly settings: IsolationForestSettings;
  /** Number of columns per row. */
  readonly dims: number;
  /** Effective ψ = min(sample_size, rows). */
  readonly sample_size: number;
  readonly max_depth: number;
  readonly trees: readonly IsolationNode[];
}

export interface IsolationForestFit {
  readonly status: 'ok';
  readonly model: IsolationForestModel;
}

export interface IsolationScores {
  readonly status: 'ok';
  /** s(x, ψ) = 2^(−E[h(x)] / c(ψ)) ∈ (0, 1]; ≫ 0.5 anomalous, ≲ 0.5 normal. */
  readonly scores: readonly number[];
  /** E[h(x)] over the trees. */
  readonly mean_path_lengths: readonly number[];
}

const EULER_GAMMA = 0.5772156649015329;

/** Harmonic number H(i): exact sum up to 1000, then ln i + γ + 1/(2i) − 1/(12i²). */
function harmonic(i: number): number {
  if (i <= 0) return 0;
  if (i <= 1000) {
    let h = 0;
    for (let k = 1; k <= i; k++) h += 1 / k;
    return h;
  }
  return Math.log(i) + EULER_GAMMA + 1 / (2 * i) - 1 / (12 * i * i);
}

/**
 * Average path length of an unsuccessful BST search, used to normalize path lengths
 * (Liu, Ting & Zhou 2008, eq. 1): c(n) = 2 H(n − 1) − 2 (n − 1) / n, c(1) = 0.
 * The paper approximates H(i) ≈ ln i + γ; the exact H is used here (so c(2) = 1).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  return 2 * harmonic(n - 1) - (2 * (n - 1)) / n;
}

/**
 * Fits an isolation forest (Liu, Ting & Zhou 2008): each of t trees is grown on ψ rows drawn
 * without replacement, splitting on a uniformly chosen feature (among those not constant in
 * the node) at a uniform threshold in (min, max), until depth l or a single row.
 */
export function fitIsolationForest(
  rows: readonly (readonly number[])[],
  settings: Partial<IsolationForestSettings> = {},
): IsolationForestFit | Degenerate {
  const s: IsolationForestSettings = Object.freeze({
    ...DEFAULT_ISOLATION_FOREST_SETTINGS,
    ...settings,
  });
  requireInteger('n_trees', s.n_trees, 1);
  requireInteger('sample_size', s.sample_size, 2);
  if (!Number.isFinite(s.seed)) throw new RangeError(`seed must be finite, got ${s.seed}`);
  if (s.max_depth !== undefined) requireInteger('max_depth', s.max_depth, 1);
  const shape = checkRows(rows, null);
  if (shape.status !== 'ok') return shape;
  if (rows.length < 2) return degenerate('insufficient_data', 'need at least two rows');
  const psi = Math.min(s.sample_size, rows.length);
  const maxDepth = s.max_depth ?? Math.ceil(Math.log2(psi));
  const rand = mulberry32(s.seed);
  const indices = rows.map((_, i) => i);
  const trees: IsolationNode[] = [];
  for (let t = 0; t < s.n_trees; t++) {
    // Partial Fisher-Yates: the first ψ entries become a uniform sample without replacement.
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rand() * (indices.length - i));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    const sample = indices.slice(0, psi).map((i) => rows[i]);
    trees.push(grow(sample, 0, maxDepth, shape.dims, rand));
  }
  return {
    status: 'ok',
    model: Object.freeze({
      settings: s,
      dims: shape.dims,
      sample_size: psi,
      max_depth: maxDepth,
      trees,
    }),
  };
}

/** Anomaly scores s(x, ψ) = 2^(−E[h(x)] / c(ψ)), h(x) = depth reached + c(leaf size). */
export function scoreIsolationForest(
  model: IsolationForestModel,
  rows: readonly (readonly number[])[],
): IsolationScores | Degenerate {
  const shape = checkRows(rows, model.dims);
  if (shape.status !== 'ok') return shape;
  const norm = averagePathLength(model.sample_size);
  const mean_path_lengths = rows.map((x) => {
    let total = 0;
    for (const tree of model.trees) total += pathLength(tree, x, 0);
    return total / model.trees.length;
  });
  return {
    status: 'ok',
    scores: mean_path_lengths.map((h) => Math.pow(2, -h / norm)),
    mean_path_lengths,
  };
}

function grow(
  rows: readonly (readonly number[])[],
  depth: number,
  maxDepth: number,
  dims: number,
  rand: () => number,
): IsolationNode {
  if (depth >= maxDepth || rows.length <= 1) return { kind: 'leaf', size: rows.length };
  const candidates: { feature: number; lo: number; hi: number }[] = [];
  for (let f = 0; f < dims; f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (r[f] < lo) lo = r[f];
      if (r[f] > hi) hi = r[f];
    }
    if (hi > lo) candidates.push({ feature: f, lo, hi });
  }
  if (candidates.length === 0) return { kind: 'leaf', size: rows.length };
  const { feature, lo, hi } = candidates[Math.floor(rand() * candidates.length)];
  const threshold = lo + rand() * (hi - lo);
  const left = rows.filter((r) => r[feature] < threshold);
  const right = rows.filter((r) => r[feature] >= threshold);
  return {
    kind: 'split',
    feature,
    threshold,
    left: grow(left, depth + 1, maxDepth, dims, rand),
    right: grow(right, depth + 1, maxDepth, dims, rand),
  };
}

function pathLength(node: IsolationNode, x: readonly number[], depth: number): number {
  let n = node;
  let e = depth;
  while (n.kind === 'split') {
    n = x[n.feature] < n.threshold ? n.left : n.right;
    e++;
  }
  return e + averagePathLength(n.size);
}

function checkRows(
  rows: readonly (readonly number[])[],
  dims: number | null,
): { readonly status: 'ok'; readonly dims: number } | Degenerate {
  if (rows.length === 0) return degenerate('empty_input', 'no rows');
  const d = dims ?? rows[0].length;
  if (d === 0) return degenerate('empty_input', 'rows have no columns');
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== d) {
      return degenerate('length_mismatch', `row ${i} has ${rows[i].length} columns, expected ${d}`);
    }
    for (const v of rows[i]) {
      if (!Number.isFinite(v))
        return degenerate('invalid_value', `row ${i} has a non-finite value`);
    }
  }
  return { status: 'ok', dims: d };
}
