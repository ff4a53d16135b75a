import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { NULLABLE_FIELD_NAMES } from '@hirelearn/contract';

/** One record of an input: its exact bytes and where it came from. */
export interface InputLine {
  readonly bytes: Buffer;
  readonly line: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = 'PAR1';

/** How a file is encoded, told by its first bytes (not its name). */
async function sniff(file: string): Promise<'gzip' | 'parquet' | 'text'> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'gzip';
    return head.toString('latin1') === PARQUET_MAGIC ? 'parquet' : 'text';
  } finally {
    await handle.close();
  }
}

/**
 * Yields the records of one input (`-` is stdin) with flat memory: NDJSON plain or gzipped
 * split on newlines as bytes, Parquet read in chunks through DuckDB and rendered as JSON.
 * Blank lines are skipped but still counted, so line numbers match the file.
 */
export async function* readInputLines(file: string): AsyncGenerator<InputLine> {
  if (file === '-') return yield* splitLines(process.stdin);
  const kind = await sniff(file);
  if (kind === 'parquet') return yield* parquetRows(file);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  yield* splitLines(kind === 'gzip' ? stream.pipe(createGunzip()) : stream);
}

async function* splitLines(stream: Readable): AsyncGenerator<InputLine> {
  let carry: Buffer | null = null;
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let nl = data.indexOf(0x0a, start);
    while (nl !== -1) {
      line += 1;
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end > start) yield { bytes: data.subarray(start, end), line };
      start = nl + 1;
      nl = data.indexOf(0x0a, start);
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
  }
  if (carry && carry.length > 0) yield { bytes: carry, line: line + 1 };
}

/**
 * Parquet nulls mean "absent": they are dropped so optional fields validate as missing, except
 * in the contract's nullable fields, where null is a value.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => v !== null || NULLABLE_FIELD_NAMES.has(k))
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

async function* parquetRows(file: string): AsyncGenerator<InputLine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // The path is a parameter: a file name is never spelled into SQL.
    const result = await connection.stream(
      'SELECT to_json(t)::VARCHAR AS j FROM read_parquet($1) t',
      [file],
    );
    let line = 0;
    for (
      let chunk = await result.fetchChunk();
      chunk && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      for (const [json] of chunk.getRows()) {
        line += 1;
        yield { bytes: Buffer.from(JSON.stringify(withoutNulls(JSON.parse(String(json))))), line };
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
