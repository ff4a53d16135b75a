import type { LogisticArtifact } from '../models/types';
import { ModelProto, ONNX_FLOAT } from './onnx-proto';

export interface LinearOnnxOptions {
  /** Platt calibration σ(a·η + b) folded into the weights (η the model's logit). */
  readonly platt?: { readonly a: number; readonly b: number };
  readonly inputName?: string;
  readonly outputName?: string;
}

const IR_VERSION = 8;
const OPSET = 13;

const tensorType = (dims: readonly (number | string)[]) => ({
  tensor_type: {
    elem_type: ONNX_FLOAT,
    shape: {
      dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
    },
  },
});

/**
 * The logistic model as an ONNX graph: probability = Sigmoid(MatMul(features, W) + b), with
 * features a float tensor [batch, k] already encoded by the model's FeatureEncoder. Platt
 * calibration of the logistic's own output is linear on the logit, σ(a·η + b), so it folds
 * into W and b and the calibrated model is the same three nodes. Returns the ModelProto bytes.
 */
export function logisticToOnnx(
  model: LogisticArtifact,
  options: LinearOnnxOptions = {},
): Uint8Array {
  const a = options.platt?.a ?? 1;
  const b = options.platt?.b ?? 0;
  const k = model.coefficients.length;
  const input = options.inputName ?? 'features';
  const output = options.outputName ?? 'probability';
  const message = ModelProto.fromObject({
    ir_version: IR_VERSION,
    producer_name: 'hirelearn',
    producer_version: '1',
    opset_import: [{ domain: '', version: OPSET }],
    graph: {
      name: 'logistic',
      node: [
        { op_type: 'MatMul', name: 'matmul', input: [input, 'W'], output: ['xw'] },
        { op_type: 'Add', name: 'add', input: ['xw', 'B'], output: ['logit'] },
        { op_type: 'Sigmoid', name: 'sigmoid', input: ['logit'], output: [output] },
      ],
      initializer: [
        {
          name: 'W',
          data_type: ONNX_FLOAT,
          dims: [k, 1],
          float_data: model.coefficients.map((c) => a * c),
        },
        { name: 'B', data_type: ONNX_FLOAT, dims: [1], float_data: [a * model.intercept + b] },
      ],
      input: [{ name: input, type: tensorType(['batch', k]) }],
      output: [{ name: output, type: tensorType(['batch', 1]) }],
    },
  });
  return ModelProto.encode(message).finish();
}
