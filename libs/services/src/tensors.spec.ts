import * as pb from '@hirelearn/proto';
import { decodeInputs, encodeOutputs, type TensorSpec } from './tensors';

const specs: TensorSpec[] = [
  { name: 'x', datatype: 'FP64', width: 1 },
  { name: 'pair', datatype: 'FP64', width: 2 },
  { name: 'flag', datatype: 'BOOL', width: 1 },
  { name: 'label', datatype: 'BYTES', width: 1, optional: true },
];

const input = (
  name: string,
  datatype: string,
  shape: number[],
  contents: Partial<pb.InferTensorContents>,
) => pb.ModelInferRequest_InferInputTensor.fromPartial({ name, datatype, shape, contents });

const request = (inputs: pb.ModelInferRequest_InferInputTensor[], raw: Buffer[] = []) =>
  pb.ModelInferRequest.fromPartial({ model_name: 'm', inputs, raw_input_contents: raw });

const good = [
  input('x', 'FP64', [2], { fp64_contents: [1.5, NaN] }),
  input('pair', 'FP64', [2, 2], { fp64_contents: [1, 2, 3, 4] }),
  input('flag', 'BOOL', [2, 1], { bool_contents: [true, false] }),
];

describe('decodeInputs', () => {
  it('decodes named tensors from contents, an optional one left out', () => {
    const d = decodeInputs(request(good), specs);
    expect(d.rows).toBe(2);
    expect(d.values.get('x')).toEqual([1.5, NaN]);
    expect(d.values.get('pair')).toEqual([1, 2, 3, 4]);
    expect(d.values.get('flag')).toEqual([true, false]);
    expect(d.values.has('label')).toBe(false);
  });

  it('decodes raw little-endian contents, BYTES as 4-byte length and bytes', () => {
    const fp64 = (xs: number[]) => {
      const b = Buffer.alloc(8 * xs.length);
      xs.forEach((v, k) => b.writeDoubleLE(v, 8 * k));
      return b;
    };
    const bytes = (xs: string[]) =>
      Buffer.concat(
        xs.flatMap((x) => {
          const len = Buffer.alloc(4);
          len.writeUInt32LE(Buffer.byteLength(x));
          return [len, Buffer.from(x)];
        }),
      );
    const tensors = [
      input('x', 'FP64', [2], {}),
      input('pair', 'FP64', [2, 2], {}),
      input('flag', 'BOOL', [2], {}),
      input('label', 'BYTES', [2], {}),
    ];
    const raw = [fp64([0.25, -3]), fp64([1, 2, 3, 4]), Buffer.from([1, 0]), bytes(['é', ''])];
    const d = decodeInputs(request(tensors, raw), specs);
    expect(d.values.get('x')).toEqual([0.25, -3]);
    expect(d.values.get('flag')).toEqual([true, false]);
    expect(d.values.get('label')).toEqual(['é', '']);
  });

  it.each([
    [
      [input('y', 'FP64', [2], {}), ...good],
      /^inputs\[0\] 'y': not an input of m \(inputs: x, pair, flag, label\)$/,
    ],
    [[good[0], good[0], good[1], good[2]], /^inputs\[1\] 'x': given twice$/],
    [
      [input('x', 'FP32', [2], { fp32_contents: [1, 2] }), good[1], good[2]],
      /^inputs\[0\] 'x': datatype FP32, expected FP64/,
    ],
    [
      [input('x', 'FP64', [1, 2], { fp64_contents: [1, 2] }), good[1], good[2]],
      /^inputs\[0\] 'x': shape \[1, 2\], expected \[n\] or \[n, 1\]/,
    ],
    [
      [good[0], input('pair', 'FP64', [2], { fp64_contents: [1, 2] }), good[2]],
      /^inputs\[1\] 'pair': shape \[2\], expected \[n, 2\]/,
    ],
    [
      [good[0], good[1], input('flag', 'BOOL', [3], { bool_contents: [true, true, true] })],
      /^inputs\[2\] 'flag': 3 rows, but an earlier input has 2/,
    ],
    [
      [input('x', 'FP64', [2], { fp64_contents: [1] }), good[1], good[2]],
      /^inputs\[0\] 'x': 1 elements, but shape \[2\] needs 2$/,
    ],
    [[good[0], good[2]], /^inputs: missing pair \(every input ModelMetadata lists is required\)$/],
  ])(
    'refuses bad tensors with INVALID_ARGUMENT naming the tensor and the rule (%#)',
    (inputs, message) => {
      expect(() => decodeInputs(request(inputs), specs)).toThrow(
        expect.objectContaining({
          code: 'invalid_argument',
          message: expect.stringMatching(message),
        }),
      );
    },
  );

  it('refuses raw contents that do not match the inputs', () => {
    expect(() => decodeInputs(request(good, [Buffer.alloc(16)]), specs)).toThrow(
      /^raw_input_contents: 1 entries for 3 inputs/,
    );
    const raw = [Buffer.alloc(15), Buffer.alloc(32), Buffer.alloc(2)];
    const tensors = [input('x', 'FP64', [2], {}), good[1], good[2]];
    expect(() => decodeInputs(request(tensors, raw), specs)).toThrow(
      /^inputs\[0\] 'x': raw FP64 contents of 15 bytes, not a multiple of 8$/,
    );
    const both = [Buffer.alloc(16), Buffer.alloc(32), Buffer.alloc(2)];
    expect(() => decodeInputs(request(good, both), specs)).toThrow(
      /^inputs\[0\] 'x': has both contents and raw_input_contents; send one$/,
    );
  });
});

describe('encodeOutputs', () => {
  const outputs: TensorSpec[] = [
    { name: 'p', datatype: 'FP64', width: 1 },
    { name: 'q', datatype: 'FP64', width: 1 },
  ];
  const columns = new Map([
    ['p', [0.5, 0.25]],
    ['q', [1, 2]],
  ]);

  it('answers the outputs asked for, as contents or raw like the request', () => {
    const ask = pb.ModelInferRequest.fromPartial({
      model_name: 'm',
      id: 'r1',
      outputs: [{ name: 'q' }],
    });
    const r = encodeOutputs(ask, outputs, 2, columns, 4);
    expect(r).toMatchObject({ model_name: 'm', model_version: '4', id: 'r1' });
    expect(r.outputs.map((o) => [o.name, o.datatype, o.shape, o.contents?.fp64_contents])).toEqual([
      ['q', 'FP64', [2], [1, 2]],
    ]);
    const raw = encodeOutputs(request(good, [Buffer.alloc(0)]), outputs, 2, columns, 4);
    expect(raw.outputs.map((o) => o.name)).toEqual(['p', 'q']);
    expect(raw.raw_output_contents[0].readDoubleLE(8)).toBe(0.25);
  });

  it('refuses an output the model does not have', () => {
    const ask = pb.ModelInferRequest.fromPartial({ model_name: 'm', outputs: [{ name: 'z' }] });
    expect(() => encodeOutputs(ask, outputs, 2, columns, 4)).toThrow(
      /^outputs\[0\] 'z': not an output of m \(outputs: p, q\)$/,
    );
  });
});
