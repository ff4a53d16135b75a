import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';

/** The Open Inference Protocol datatypes our models take and give. */
export type TensorDatatype = 'FP64' | 'BOOL' | 'BYTES';

/** The elements of a decoded tensor, row-major: numbers, booleans or UTF-8 strings. */
export type TensorValues = readonly number[] | readonly boolean[] | readonly string[];

/** One input or output a served model declares: a batch of rows, `width` elements each. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: TensorDatatype;
  /** Elements per row: 1 for a column (shape [n] or [n, 1]), k for shape [n, k]. */
  readonly width: number;
  /** An optional input may be left out (its values are then unknown). */
  readonly optional?: boolean;
}

/** The metadata of a tensor as ModelMetadata lists it (-1: the batch dimension). */
export function tensorMetadata(spec: TensorSpec): pb.ModelMetadataResponse_TensorMetadata {
  return {
    name: spec.name,
    datatype: spec.datatype,
    shape: spec.width === 1 ? [-1] : [-1, spec.width],
  };
}

/** Decoded inputs of one ModelInfer call: the batch size and each named tensor's values. */
export interface DecodedInputs {
  readonly rows: number;
  readonly values: ReadonlyMap<string, TensorValues>;
}

const fail = (where: string, rule: string): never => {
  throw new InvalidArgumentError(`${where}: ${rule}`);
};

/**
 * Checks and decodes the input tensors of a ModelInfer request against the model's specs:
 * every name known and given once, every required input present, the declared datatype,
 * shape [n] or [n, 1] for a column and [n, k] for a row of k, one n for all, and as many
 * elements as the shape says, from `contents` or from `raw_input_contents` (little-endian;
 * BYTES as 4-byte length and bytes). A violation is InvalidArgumentError naming the tensor
 * and the rule.
 */
export function decodeInputs(
  request: pb.ModelInferRequest,
  specs: readonly TensorSpec[],
): DecodedInputs {
  const raw = request.raw_input_contents;
  if (raw.length > 0 && raw.length !== request.inputs.length) {
    fail(
      'raw_input_contents',
      `${raw.length} entries for ${request.inputs.length} inputs; send one per input, in order, or none`,
    );
  }
  const values = new Map<string, TensorValues>();
  let rows: number | null = null;
  request.inputs.forEach((t, i) => {
    const where = `inputs[${i}] '${t.name}'`;
    const spec = specs.find((s) => s.name === t.name);
    if (!spec) fail(where, `not an input of ${request.model_name} (inputs: ${names(specs)})`);
    if (values.has(t.name)) fail(where, 'given twice');
    const s = spec as TensorSpec;
    if (t.datatype !== s.datatype) {
      fail(
        where,
        `datatype ${t.datatype || '(empty)'}, expected ${s.datatype} (see ModelMetadata)`,
      );
    }
    const n = rowsOf(where, t.shape, s);
    if (rows !== null && n !== rows) {
      fail(
        where,
        `${n} rows, but an earlier input has ${rows}; every input needs the same batch size`,
      );
    }
    rows = n;
    const count = n * s.width;
    const v = raw.length > 0 ? fromRaw(where, raw[i], s.datatype, t.contents) : fromContents(t, s);
    if (v.length !== count) {
      fail(where, `${v.length} elements, but shape [${t.shape.join(', ')}] needs ${count}`);
    }
    values.set(t.name, v);
  });
  const missing = specs.filter((s) => !s.optional && !values.has(s.name)).map((s) => s.name);
  if (missing.length > 0) {
    fail('inputs', `missing ${missing.join(', ')} (every input ModelMetadata lists is required)`);
  }
  return { rows: rows ?? 0, values };
}

function names(specs: readonly TensorSpec[]): string {
  return specs.map((s) => s.name).join(', ');
}

function rowsOf(where: string, shape: readonly number[], s: TensorSpec): number {
  const ok =
    shape.every((d) => Number.isInteger(d) && d >= 0) &&
    (s.width === 1
      ? shape.length === 1 || (shape.length === 2 && shape[1] === 1)
      : shape.length === 2 && shape[1] === s.width);
  if (!ok) {
    const want = s.width === 1 ? '[n] or [n, 1]' : `[n, ${s.width}]`;
    fail(where, `shape [${shape.join(', ')}], expected ${want} with n >= 0`);
  }
  return shape[0];
}

function fromContents(t: pb.ModelInferRequest_InferInputTensor, s: TensorSpec): TensorValues {
  const c = t.contents;
  if (!c) return [];
  if (s.datatype === 'FP64') return c.fp64_contents;
  if (s.datatype === 'BOOL') return c.bool_contents;
  return c.bytes_contents.map((b) => b.toString('utf8'));
}

function fromRaw(
  where: string,
  raw: Buffer,
  datatype: TensorDatatype,
  contents: pb.InferTensorContents | undefined,
): TensorValues {
  if (contents && Object.values(contents).some((a) => Array.isArray(a) && a.length > 0)) {
    fail(where, 'has both contents and raw_input_contents; send one');
  }
  if (datatype === 'FP64') {
    if (raw.length % 8 !== 0)
      fail(where, `raw FP64 contents of ${raw.length} bytes, not a multiple of 8`);
    return Array.from({ length: raw.length / 8 }, (_, k) => raw.readDoubleLE(k * 8));
  }
  if (datatype === 'BOOL') return Array.from(raw, (b) => b !== 0);
  const out: string[] = [];
  for (let at = 0; at < raw.length;) {
    if (at + 4 > raw.length) fail(where, `raw BYTES contents cut short at byte ${at}`);
    const len = raw.readUInt32LE(at);
    if (at + 4 + len > raw.length)
      fail(where, `raw BYTES element of ${len} bytes runs past the end`);
    out.push(raw.toString('utf8', at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

/**
 * The output tensors of a ModelInfer response (FP64 columns), only those the request names
 * (all when it names none); `raw` puts the elements in `raw_output_contents` (as a request
 * sending raw inputs expects) instead of `contents`.
 */
export function encodeOutputs(
  request: pb.ModelInferRequest,
  specs: readonly TensorSpec[],
  rows: number,
  columns: ReadonlyMap<string, readonly number[]>,
  version: number,
): pb.ModelInferResponse {
  request.outputs.forEach((o, i) => {
    if (!specs.some((s) => s.name === o.name)) {
      fail(
        `outputs[${i}] '${o.name}'`,
        `not an output of ${request.model_name} (outputs: ${names(specs)})`,
      );
    }
  });
  const wanted = request.outputs.length
    ? specs.filter((s) => request.outputs.some((o) => o.name === s.name))
    : specs;
  const raw = request.raw_input_contents.length > 0;
  const outputs = wanted.map((s) => {
    const v = columns.get(s.name) as readonly number[];
    return {
      name: s.name,
      datatype: s.datatype,
      shape: s.width === 1 ? [rows] : [rows, s.width],
      parameters: {},
      contents: raw ? undefined : { ...EMPTY_CONTENTS, fp64_contents: [...v] },
    };
  });
  return {
    model_name: request.model_name,
    model_version: String(version),
    id: request.id,
    parameters: {},
    outputs,
    raw_output_contents: raw ? wanted.map((s) => rawFp64(columns.get(s.name) ?? [])) : [],
  };
}

function rawFp64(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(values.length * 8);
  values.forEach((v, k) => out.writeDoubleLE(v, k * 8));
  return out;
}

const EMPTY_CONTENTS: pb.InferTensorContents = pb.InferTensorContents.fromPartial({});
