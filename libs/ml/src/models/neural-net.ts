import * as tf from '@tensorflow/tfjs';
import { createRng, shuffle } from '@hirelearn/stats';
import { checkTrainingData, type BinaryModel, type FitResult, type NeuralNetArtifact } from './types';

const { exp, max } = Math;

export interface NeuralNetSettings {
  /** Units of each hidden ReLU layer. */
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty on kernels. */
  readonly l2: number;
  readonly seed: number;
  readonly minRows: number;
}

export const DEFAULT_NEURAL_NET: NeuralNetSettings = Object.freeze({
  hidden: [16],
  epochs: 12,
  batchSize: 128,
  learningRate: 0.01,
  l2: 1e-4,
  seed: 1,
  minRows: 50,
});

/**
 * A fitted network. Scoring is a plain forward pass over the stored weights (dense → ReLU …
 * → dense → sigmoid, the same arithmetic as the TensorFlow.js layers it was trained with), so
 * serving needs no TensorFlow.js backend and answers in microseconds.
 */
export class NeuralNetModel implements BinaryModel {
  readonly kind = 'neural_net' as const;
  constructor(readonly artifact: NeuralNetArtifact) {
    Object.freeze(this);
  }

  static fromArtifact(a: NeuralNetArtifact): NeuralNetModel {
    return new NeuralNetModel(a);
  }

  private forward(x: readonly number[]): number {
    let a: readonly number[] = x;
    const layers = this.artifact.layers;
    for (let l = 0; l < layers.length; l++) {
      const { kernel, bias } = layers[l];
      const units = bias.length;
      const out = new Array<number>(units);
      for (let u = 0; u < units; u++) {
        let z = bias[u];
        for (let i = 0; i < a.length; i++) z += a[i] * kernel[i * units + u];
        out[u] = l < layers.length - 1 ? max(0, z) : z;
      }
      a = out;
    }
    const z = a[0];
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
  }

  predict(X: readonly (readonly number[])[]): number[] {
    return X.map((x) => this.forward(x));
  }

  toArtifact(): NeuralNetArtifact {
    return this.artifact;
  }
}

/**
 * A small multilayer perceptron trained with TensorFlow.js (Adam on the binary cross-entropy)
 * on whatever backend is active (the pure-JS CPU backend in tests). Reproducible under a
 * seed: the initializers are seeded and batches are shuffled by our own seeded generator
 * rather than tfjs's unseeded `fit({ shuffle })`.
 */
export class NeuralNet {
  readonly settings: NeuralNetSettings;
  constructor(settings: Partial<NeuralNetSettings> = {}) {
    this.settings = Object.freeze({ ...DEFAULT_NEURAL_NET, ...settings });
  }

  async fit(
    X: readonly (readonly number[])[],
    y: readonly number[],
  ): Promise<FitResult<NeuralNetModel>> {
    const bad = checkTrainingData(X, y, this.settings.minRows);
    if (bad) return bad;
    await tf.ready();
    const s = this.settings;
    const inputs = X[0].length;
    const model = tf.sequential();
    const units = [...s.hidden, 1];
    units.forEach((u, l) => {
      model.add(
        tf.layers.dense({
          units: u,
          inputShape: l === 0 ? [inputs] : undefined,
          activation: l < units.length - 1 ? 'relu' : 'sigmoid',
          kernelInitializer: tf.initializers.glorotUniform({ seed: s.seed + l }),
          biasInitializer: 'zeros',
          kernelRegularizer: s.l2 > 0 ? tf.regularizers.l2({ l2: s.l2 }) : undefined,
        }),
      );
    });
    model.compile({ optimizer: tf.train.adam(s.learningRate), loss: 'binaryCrossentropy' });
    const rng = createRng(s.seed);
    const order = X.map((_, i) => i);
    try {
      for (let e = 0; e < s.epochs; e++) {
        const perm = shuffle(rng, order);
        for (let start = 0; start < perm.length; start += s.batchSize) {
          const idx = perm.slice(start, start + s.batchSize);
          const xb = tf.tensor2d(
            idx.map((i) => X[i] as number[]),
            [idx.length, inputs],
          );
          const yb = tf.tensor2d(
            idx.map((i) => [y[i]]),
            [idx.length, 1],
          );
          await model.trainOnBatch(xb, yb);
          xb.dispose();
          yb.dispose();
        }
      }
      const layers = model.layers.map((layer) => {
        const [kernel, bias] = layer.getWeights();
        return {
          kernel: Array.from(kernel.dataSync()),
          bias: Array.from(bias.dataSync()),
        };
      });
      return {
        status: 'ok',
        model: new NeuralNetModel(
          Object.freeze({ kind: 'neural_net', inputs, hidden: [...s.hidden], layers }),
        ),
      };
    } finally {
      model.dispose();
    }
  }
}

/**
 * Production mode for TensorFlow.js: no debug checks and no "install tfjs-node" banner on
 * stderr at the first tensor. For commands and services; tests keep the default.
 */
export function useTensorFlowProductionMode(): void {
  tf.enableProdMode();
}
