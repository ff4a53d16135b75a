/** @jest-environment ./libs/ml/src/onnx/onnx-test-environment.js */
import { sigmoid } from '@hirelearn/stats';
import { RidgeLogistic } from '../models/logistic-model';
import { logisticData } from '../testing/synthetic';
import { logisticToOnnx } from './export';
import { ModelProto } from './onnx-proto';
import { OnnxScorer } from './onnx-scorer';

describe('ONNX export of the logistic model', () => {
  const { X, y } = logisticData(1000, -0.3, [0.8, -1.2, 0.4], 17);
  const fit = new RidgeLogistic().fit(X, y);
  if (fit.status !== 'ok') throw new Error(fit.reason);
  const model = fit.model;

  it('writes a ModelProto that decodes to the three-node graph', () => {
    const decoded = ModelProto.toObject(ModelProto.decode(logisticToOnnx(model.artifact)), {
      longs: Number,
    }) as { ir_version: number; graph: { node: { op_type: string }[] } };
    expect(decoded.ir_version).toBe(8);
    expect(decoded.graph.node.map((n) => n.op_type)).toEqual(['MatMul', 'Add', 'Sigmoid']);
  });

  it('scores with onnxruntime-node as the model does in process (float32)', async () => {
    const scorer = await OnnxScorer.create(logisticToOnnx(model.artifact));
    try {
      const got = await scorer.score(X.slice(0, 200));
      const want = model.predict(X.slice(0, 200));
      got.forEach((p, i) => expect(Math.abs(p - want[i])).toBeLessThan(1e-6));
    } finally {
      await scorer.release();
    }
  });

  it('folds Platt calibration into the weights', async () => {
    const platt = { a: 0.7, b: -0.2 };
    const scorer = await OnnxScorer.create(logisticToOnnx(model.artifact, { platt }));
    try {
      const got = await scorer.score(X.slice(0, 50));
      X.slice(0, 50).forEach((x, i) => {
        const want = sigmoid(platt.a * model.logit(x) + platt.b);
        expect(Math.abs(got[i] - want)).toBeLessThan(1e-6);
      });
    } finally {
      await scorer.release();
    }
  });
});
