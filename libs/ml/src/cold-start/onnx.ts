import { ModelProto, ONNX_FLOAT } from '../onnx/onnx-proto';
import type { ColdStartArtifact, ColdStartLayer } from './types';

const ACTIVATION = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid', linear: 'Identity' } as const;

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
 * (the row `ColdStartModel.encode` gives), outputs `embedding` [batch, d] (the deep tanh
 * units, then the wide logit) and `probability` [batch, 1] (the interview-rate head). Each
 * dense layer is MatMul → Add → its activation; the two parts are put side by side with two
 * constant placement matrices (MatMul and Add only, no attributes needed): the same
 * arithmetic as `ColdStartModel.forwardRow`. Returns the bytes.
 */
export function coldStartToOnnx(artifact: ColdStartArtifact): Uint8Array {
  const node: object[] = [];
  const initializer: object[] = [];
  const denseNodes = (name: string, input: string, layer: ColdStartLayer, out: string) => {
    const units = layer.bias.length;
    initializer.push(
      {
        name: `W_${name}`,
        data_type: ONNX_FLOAT,
        dims: [layer.kernel.length / units, units],
        float_data: layer.kernel,
      },
      { name: `B_${name}`, data_type: ONNX_FLOAT, dims: [units], float_data: layer.bias },
    );
    const linear = layer.activation === 'linear';
    node.push(
      {
        op_type: 'MatMul',
        name: `matmul_${name}`,
        input: [input, `W_${name}`],
        output: [`xw_${name}`],
      },
      {
        op_type: 'Add',
        name: `add_${name}`,
        input: [`xw_${name}`, `B_${name}`],
        output: [linear ? out : `z_${name}`],
      },
    );
    if (!linear) {
      node.push({
        op_type: ACTIVATION[layer.activation],
        name: `act_${name}`,
        input: [`z_${name}`],
        output: [out],
      });
    }
  };
  const layers = artifact.layers;
  let input = 'features';
  for (let l = 0; l < layers.length - 1; l++) {
    const out = l === layers.length - 2 ? 'deep' : `hidden${l}`;
    denseNodes(`${l}`, input, layers[l], out);
    input = out;
  }
  denseNodes('wide', 'features', artifact.wide, 'wide');
  const d = artifact.embedding_dim;
  const deepUnits = d - 1;
  const place = (rows: number, offset: number) => {
    const m = new Array<number>(rows * d).fill(0);
    for (let r = 0; r < rows; r++) m[r * d + offset + r] = 1;
    return m;
  };
  initializer.push(
    {
      name: 'P_deep',
      data_type: ONNX_FLOAT,
      dims: [deepUnits, d],
      float_data: place(deepUnits, 0),
    },
    { name: 'P_wide', data_type: ONNX_FLOAT, dims: [1, d], float_data: place(1, deepUnits) },
  );
  node.push(
    { op_type: 'MatMul', name: 'place_deep', input: ['deep', 'P_deep'], output: ['deep_placed'] },
    { op_type: 'MatMul', name: 'place_wide', input: ['wide', 'P_wide'], output: ['wide_placed'] },
    { op_type: 'Add', name: 'embed', input: ['deep_placed', 'wide_placed'], output: ['embedding'] },
  );
  denseNodes('head', 'embedding', layers[layers.length - 1], 'probability');
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
