/** Shared shapes of the model families: settings at construction, data in `fit`, frozen state after. */

export type ModelKind = 'logistic' | 'boosted_trees' | 'neural_net';

/** A fitted binary classifier: probability of the positive class per row. */
export interface BinaryModel {
  readonly kind: ModelKind;
  predict(X: readonly (readonly number[])[]): number[];
  /** The learned state as plain JSON (the model's artifact). */
  toArtifact(): ModelArtifact;
}

/** Why a fit produced no model. */
export interface FitFailure {
  readonly status: 'insufficient_data' | 'constant_outcome' | 'not_converged';
  readonly reason: string;
}

export type FitResult<M> = { readonly status: 'ok'; readonly model: M } | FitFailure;

export interface LogisticArtifact {
  readonly kind: 'logistic';
  readonly lambda: number;
  readonly intercept: number;
  readonly coefficients: readonly number[];
}

export interface TreeNode {
  /** Feature index, or -1 for a leaf. */
  readonly f: number;
  /** Go left when x[f] <= t. */
  readonly t: number;
  readonly l: number;
  readonly r: number;
  /** Leaf value (log-odds increment). */
  readonly v: number;
}

export interface BoostedTreesArtifact {
  readonly kind: 'boosted_trees';
  readonly base_score: number;
  readonly learning_rate: number;
  readonly trees: readonly (readonly TreeNode[])[];
}

export interface NeuralNetArtifact {
  readonly kind: 'neural_net';
  readonly inputs: number;
  readonly hidden: readonly number[];
  /** Per dense layer: kernel (inputs x units, row-major) and bias. */
  readonly layers: readonly { readonly kernel: readonly number[]; readonly bias: readonly number[] }[];
}

export type ModelArtifact = LogisticArtifact | BoostedTreesArtifact | NeuralNetArtifact;

/** Checks a fit's data: at least `minRows` rows and both classes present. */
export function checkTrainingData(
  X: readonly (readonly number[])[],
  y: readonly number[],
  minRows: number,
): FitFailure | null {
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows, y has ${y.length}`);
  if (X.length < minRows) {
    return { status: 'insufficient_data', reason: `${X.length} rows, need ${minRows}` };
  }
  let pos = 0;
  for (const v of y) pos += v === 1 ? 1 : 0;
  if (pos === 0 || pos === y.length) {
    return { status: 'constant_outcome', reason: `all ${y.length} labels are ${y[0]}` };
  }
  return null;
}
