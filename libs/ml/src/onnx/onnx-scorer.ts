import * as ort from 'onnxruntime-node';

/**
 * Scores encoded feature rows with an ONNX model on onnxruntime-node's CPU provider. Made
 * once per model version (session creation parses and optimizes the graph); `score` is safe
 * to call concurrently.
 */
export class OnnxScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly input: string,
    private readonly output: string,
  ) {}

  static async create(bytes: Uint8Array): Promise<OnnxScorer> {
    // One thread each: the graphs served here are small (a logistic layer), so a thread
    // pool's hand-off costs more than it saves (a single-row run took 48 µs with the default
    // pools, 19 µs without), and the service's other work keeps the second core.
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    return new OnnxScorer(session, session.inputNames[0], session.outputNames[0]);
  }

  /** One probability per row (float32 arithmetic inside the runtime). */
  async score(X: readonly (readonly number[])[]): Promise<number[]> {
    const k = X[0]?.length ?? 0;
    // A plain array: the runtime makes its own Float32Array. One made here fails the
    // runtime's instanceof check when the caller runs in another realm (jest's sandbox).
    const data: number[] = [];
    for (const x of X) for (let j = 0; j < k; j++) data.push(x[j]);
    const result = await this.session.run({
      [this.input]: new ort.Tensor('float32', data, [X.length, k]),
    });
    return Array.from(result[this.output].data as ArrayLike<number>);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
