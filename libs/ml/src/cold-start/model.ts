import { DAY_ONE_FIELDS, type DayOneFeatures } from './day-one';
import { encodeDayOne } from './encoder';
import type { ColdStartArtifact, ColdStartLayer, ColdStartPeer, ColdStartSegment } from './types';

const { exp, max, min, sqrt, tanh } = Math;

/** What the network says about one user: the embedding and the interview-rate head. */
export interface ColdStartForward {
  readonly embedding: readonly number[];
  readonly probability: number;
}

/** A user's true rate as a distribution: the network's mean and the variance model's spread. */
export interface RateDistribution {
  readonly mean: number;
  readonly variance: number;
}

/** A peer found by the search and its distance. */
export interface FoundPeer {
  readonly peer: ColdStartPeer;
  readonly distance: number;
}

function dense(a: readonly number[], layer: ColdStartLayer): number[] {
  const units = layer.bias.length;
  const out = new Array<number>(units);
  for (let u = 0; u < units; u++) {
    let z = layer.bias[u];
    for (let i = 0; i < a.length; i++) z += a[i] * layer.kernel[i * units + u];
    out[u] =
      layer.activation === 'relu'
        ? max(0, z)
        : layer.activation === 'tanh'
          ? tanh(z)
          : layer.activation === 'linear'
            ? z
            : z >= 0
              ? 1 / (1 + exp(-z))
              : exp(z) / (1 + exp(z));
  }
  return out;
}

/** The segment key of a user: seniority and first target role, as far as known. */
export function segmentKeys(f: DayOneFeatures): readonly string[] {
  const s = `seniority=${f.seniority ?? 'unknown'}`;
  const r = `role=${f.target_roles?.[0] ?? 'unknown'}`;
  return [`${s}|${r}`, s, 'all'];
}

/**
 * A trained cold-start embedder, read-only. The forward pass runs over the stored weights in
 * plain arithmetic (the same as the TensorFlow.js layers it was trained with and the ONNX
 * graph it exports to), so scoring needs no backend. The peer index is the artifact's
 * successful users' embeddings held in one Float32Array and searched exactly (see `nearest`).
 */
export class ColdStartModel {
  private readonly peerVectors: Float32Array;
  /** |head weight| per embedding coordinate (see `searchVector`). */
  private readonly scale: Float64Array;
  private readonly segmentsByKey: ReadonlyMap<string, ColdStartSegment>;

  constructor(readonly artifact: ColdStartArtifact) {
    const d = artifact.embedding_dim;
    const head = artifact.layers[artifact.layers.length - 1].kernel;
    this.scale = Float64Array.from({ length: d }, (_, j) => Math.abs(head[j] ?? 0));
    this.peerVectors = new Float32Array(artifact.peers.length * d);
    artifact.peers.forEach((p, i) => this.peerVectors.set(this.searchVector(p.embedding), i * d));
    this.segmentsByKey = new Map(artifact.segments.map((s) => [s.key, s]));
    Object.freeze(this);
  }

  static fromArtifact(a: ColdStartArtifact): ColdStartModel {
    return new ColdStartModel(a);
  }

  toArtifact(): ColdStartArtifact {
    return this.artifact;
  }

  /** The encoded input row (what the ONNX graph takes as `features`). */
  encode(f: DayOneFeatures): number[] {
    return encodeDayOne(this.artifact.encoder, f);
  }

  /**
   * The embedding (the deep tanh layer's units, then the wide part's logit) and the head's
   * interview rate, which is a logistic function of the embedding, for an encoded row.
   */
  forwardRow(row: readonly number[]): ColdStartForward {
    let a: readonly number[] = row;
    const layers = this.artifact.layers;
    for (let l = 0; l < layers.length - 1; l++) a = dense(a, layers[l]);
    const embedding = [...a, dense(row, this.artifact.wide)[0]];
    return { embedding, probability: dense(embedding, layers[layers.length - 1])[0] };
  }

  forward(f: DayOneFeatures): ColdStartForward {
    return this.forwardRow(this.encode(f));
  }

  /**
   * The embedding as peers are compared in it: each coordinate times the absolute weight the
   * interview-rate head gives it, so a distance counts differences by how much they move the
   * rate's logit and a coordinate the head ignores does not count.
   */
  searchVector(embedding: readonly number[]): number[] {
    return embedding.map((x, j) => x * this.scale[j]);
  }

  /** The true-rate variance the variance model gives for this mean and these missing fields. */
  variance(f: DayOneFeatures, mean: number): number {
    const v = this.artifact.variance;
    let s = 0;
    v.names.forEach((name, j) => {
      const x =
        name === 'intercept'
          ? 1
          : name === 'binomial'
            ? mean * (1 - mean)
            : f[name.slice('missing:'.length) as (typeof DAY_ONE_FIELDS)[number]] === null
              ? 1
              : 0;
      s += v.coefficients[j] * x;
    });
    return min(0.9 * mean * (1 - mean), max(this.artifact.settings.minTrueRateVariance, s));
  }

  rate(f: DayOneFeatures): RateDistribution {
    const mean = this.forward(f).probability;
    return { mean, variance: this.variance(f, mean) };
  }

  /** The finest segment of this user with figures (at least k users), else the population. */
  segment(f: DayOneFeatures): ColdStartSegment {
    for (const key of segmentKeys(f)) {
      const s = this.segmentsByKey.get(key);
      if (s) return s;
    }
    throw new Error('the artifact has no population segment'); // trainColdStart always writes 'all'
  }

  /**
   * The k nearest successful users within `radius` (Euclidean in `searchVector` space), nearest first: an exact scan
   * of the index (100,000 users x 8 dimensions is 800,000 multiply-adds, well under a
   * millisecond; see tools/bench/cold-start.ts), keeping the best k in a sorted buffer.
   */
  nearest(embeddingIn: readonly number[], k: number, radius: number): FoundPeer[] {
    const embedding = this.searchVector(embeddingIn);
    const d = this.artifact.embedding_dim;
    const v = this.peerVectors;
    const n = this.artifact.peers.length;
    const bestIdx: number[] = [];
    const bestDist: number[] = [];
    const r2 = radius * radius;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const t = v[o + j] - embedding[j];
        s += t * t;
      }
      if (s > r2 || (bestDist.length === k && s >= bestDist[k - 1])) continue;
      let at = bestDist.length;
      while (at > 0 && bestDist[at - 1] > s) at--;
      bestDist.splice(at, 0, s);
      bestIdx.splice(at, 0, i);
      if (bestDist.length > k) {
        bestDist.pop();
        bestIdx.pop();
      }
    }
    return bestIdx.map((i, j) => ({ peer: this.artifact.peers[i], distance: sqrt(bestDist[j]) }));
  }
}
