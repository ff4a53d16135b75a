import * as protobuf from 'protobufjs';

/**
 * The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, IR version 8) a linear
 * model needs: a graph of nodes over named tensors with float initializers. Field numbers
 * are the official ones, so any ONNX runtime reads the bytes.
 */
const ONNX_SUBSET = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { id: 1, type: 'int64' },
            producer_name: { id: 2, type: 'string' },
            producer_version: { id: 3, type: 'string' },
            graph: { id: 7, type: 'GraphProto' },
            opset_import: { id: 8, type: 'OperatorSetIdProto', rule: 'repeated' },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { id: 1, type: 'string' }, version: { id: 2, type: 'int64' } },
        },
        GraphProto: {
          fields: {
            node: { id: 1, type: 'NodeProto', rule: 'repeated' },
            name: { id: 2, type: 'string' },
            initializer: { id: 5, type: 'TensorProto', rule: 'repeated' },
            input: { id: 11, type: 'ValueInfoProto', rule: 'repeated' },
            output: { id: 12, type: 'ValueInfoProto', rule: 'repeated' },
          },
        },
        NodeProto: {
          fields: {
            input: { id: 1, type: 'string', rule: 'repeated' },
            output: { id: 2, type: 'string', rule: 'repeated' },
            name: { id: 3, type: 'string' },
            op_type: { id: 4, type: 'string' },
          },
        },
        TensorProto: {
          fields: {
            dims: { id: 1, type: 'int64', rule: 'repeated' },
            data_type: { id: 2, type: 'int32' },
            float_data: { id: 4, type: 'float', rule: 'repeated', options: { packed: true } },
            name: { id: 8, type: 'string' },
          },
        },
        ValueInfoProto: {
          fields: { name: { id: 1, type: 'string' }, type: { id: 2, type: 'TypeProto' } },
        },
        TypeProto: {
          fields: { tensor_type: { id: 1, type: 'TensorTypeProto' } },
        },
        TensorTypeProto: {
          fields: {
            elem_type: { id: 1, type: 'int32' },
            shape: { id: 2, type: 'TensorShapeProto' },
          },
        },
        TensorShapeProto: {
          fields: { dim: { id: 1, type: 'Dimension', rule: 'repeated' } },
        },
        Dimension: {
          fields: { dim_value: { id: 1, type: 'int64' }, dim_param: { id: 2, type: 'string' } },
        },
      },
    },
  },
};

/** TensorProto.DataType.FLOAT. */
export const ONNX_FLOAT = 1;

const root = protobuf.Root.fromJSON(ONNX_SUBSET);

/** The ModelProto message type of the subset. */
export const ModelProto = root.lookupType('onnx.ModelProto');
