import { ModelProto, ONNX_FLOAT } from '../onnx/onnx-proto';
import type { ColdStartArtifact } from './types';

const ACTIVATION = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' } as const;

const tensorType = (dims: readonly (number | string)[]) => ({
  tensor_type: {
    elem_type: ONNX_FLOAT,
    shape: {
      dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
    },
  },
});

/**
 * The embedder's network as an ONNX graph for onnxruntime-node: input `features` [batch, k]
 * (the row `ColdStartModel.encode` gives), outputs `embedding` [batch, d] (the tanh layer)
 * and `probability` [batch, 1] (the interview-rate head). Each dense layer is MatMul → Add →
 * its activation, the same arithmetic as `ColdStartModel.forwardRow`. Returns the bytes.
 */
export function coldStartToOnnx(artifact: ColdStartArtifact): Uint8Array {
  const node: object[] = [];
  const initializer: object[] = [];
  let input = 'features';
  const last = artifact.layers.length - 1;
  artifact.layers.forEach((layer, l) => {
    const units = layer.bias.length;
    const inputs = layer.kernel.length / units;
    const out = l === last ? 'probability' : l === last - 1 ? 'embedding' : `hidden${l}`;
    initializer.push(
      { name: `W${l}`, data_type: ONNX_FLOAT, dims: [inputs, units], float_data: layer.kernel },
      { name: `B${l}`, data_type: ONNX_FLOAT, dims: [units], float_data: layer.bias },
    );
    node.push(
      { op_type: 'MatMul', name: `matmul${l}`, input: [input, `W${l}`], output: [`xw${l}`] },
      { op_type: 'Add', name: `add${l}`, input: [`xw${l}`, `B${l}`], output: [`z${l}`] },
      { op_type: ACTIVATION[layer.activation], name: `act${l}`, input: [`z${l}`], output: [out] },
    );
    input = out;
  });
  const k = artifact.encoder.columns.length;
  const message = ModelProto.fromObject({
    ir_version: 8,
    producer_name: 'hirelearn',
    producer_version: '1',
    opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'cold_start_embedder',
      node,
      initializer,
      input: [{ name: 'features', type: tensorType(['batch', k]) }],
      output: [
        { name: 'embedding', type: tensorType(['batch', artifact.embedding_dim]) },
        { name: 'probability', type: tensorType(['batch', 1]) },
      ],
    },
  });
  return ModelProto.encode(message).finish();
}
