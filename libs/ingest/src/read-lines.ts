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
  /**
   * Set when the record could not be taken whole (`bytes` then hold only its first bytes):
   * it goes to the quarantine with this reason and message, without validation.
   */
  readonly cut?: { readonly reason: 'too_large' | 'truncated_line'; readonly message: string };
}

/** How large a record may be; a setting of every ingest (`--max-line-bytes`). */
export interface LineLimits {
  /** A record longer than this is quarantined as `too_large` instead of being parsed. */
  readonly maxLineBytes: number;
  /** How many of its first bytes a record that is cut keeps in the quarantine. */
  readonly keptBytes: number;
}

/**
 * 1 MiB: the largest line of a simulated world of 2,000 users over 12 months (423k lines) is
 * a RESUME_SNAPSHOT of 1,868 bytes, so real events have 500x room, while one line can no
 * longer take the memory of a whole batch. 4 KiB kept is enough to see what the line was.
 */
export const DEFAULT_LINE_LIMITS: LineLimits = Object.freeze({
  maxLineBytes: 1 << 20,
  keptBytes: 4096,
});

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
 * Blank lines are skipped but still counted, so line numbers match the file. A record over
 * the size limit is yielded cut (its first bytes); when the input fails part-way (a
 * truncated gzip, a read error), the partial last line is yielded cut and the error thrown.
 */
export async function* readInputLines(
  file: string,
  limits: LineLimits = DEFAULT_LINE_LIMITS,
): AsyncGenerator<InputLine> {
  if (file === '-') return yield* splitLines(process.stdin, limits);
  const kind = await sniff(file);
  if (kind === 'parquet') return yield* parquetRows(file, limits);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  yield* splitLines(kind === 'gzip' ? stream.pipe(createGunzip()) : stream, limits);
}

/**
 * Splits on newlines. A line is gathered only up to the limit: past it only its first bytes
 * and its length are kept while the rest streams by, so a 50 MB line costs 4 KiB of memory.
 */
async function* splitLines(stream: Readable, limits: LineLimits): AsyncGenerator<InputLine> {
  let carry: Buffer | null = null;
  /** The line being skipped because it passed the limit: its first bytes and length so far. */
  let over: { head: Buffer; size: number; cr: boolean } | null = null;
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl === -1 ? chunk.length : nl;
        const last = end > start ? chunk[end - 1] : carry?.[carry.length - 1];
        if (over) {
          over.size += end - start;
          if (end > start) over.cr = last === 0x0d;
        } else {
          // The limit counts the line without its end (`\n` or `\r\n`); a `\r` may still come.
          const size = (carry?.length ?? 0) + end - start;
          const allowed = limits.maxLineBytes + (nl === -1 || last === 0x0d ? 1 : 0);
          if (size > allowed) {
            const head = Buffer.concat([carry ?? Buffer.alloc(0), chunk.subarray(start, end)]);
            over = {
              head: Buffer.from(head.subarray(0, limits.keptBytes)),
              size,
              cr: last === 0x0d,
            };
            carry = null;
          }
        }
        if (nl === -1) {
          if (!over && end > start)
            carry = Buffer.concat([carry ?? Buffer.alloc(0), chunk.subarray(start)]);
          break;
        }
        line += 1;
        if (over) {
          yield tooLarge(over.head, over.size - (over.cr ? 1 : 0), line, limits);
          over = null;
        } else {
          const data = carry
            ? Buffer.concat([carry, chunk.subarray(start, nl)])
            : chunk.subarray(start, nl);
          const stop =
            data.length > 0 && data[data.length - 1] === 0x0d ? data.length - 1 : data.length;
          if (stop > 0) yield { bytes: data.subarray(0, stop), line };
          carry = null;
        }
        start = nl + 1;
      }
    }
  } catch (error) {
    const partial = over ? over.head : carry;
    if (partial && partial.length > 0)
      yield {
        bytes: Buffer.from(partial.subarray(0, limits.keptBytes)),
        line: line + 1,
        cut: {
          reason: 'truncated_line',
          message: `the input ended in the middle of this line (${(error as Error).message})`,
        },
      };
    throw error;
  }
  if (over) yield tooLarge(over.head, over.size - (over.cr ? 1 : 0), line + 1, limits);
  else if (carry && carry.length > 0) yield { bytes: carry, line: line + 1 };
}

/** A record over the limit: only its first bytes, for the quarantine. */
function tooLarge(head: Buffer, size: number, line: number, limits: LineLimits): InputLine {
  const kept = Buffer.from(head.subarray(0, limits.keptBytes));
  return {
    bytes: kept,
    line,
    cut: {
      reason: 'too_large',
      message:
        `the line is ${size} bytes, over the limit of ${limits.maxLineBytes} ` +
        `(maxLineBytes, --max-line-bytes); its first ${kept.length} bytes are kept`,
    },
  };
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

async function* parquetRows(file: string, limits: LineLimits): AsyncGenerator<InputLine> {
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
        const bytes = Buffer.from(JSON.stringify(withoutNulls(JSON.parse(String(json)))));
        yield bytes.length > limits.maxLineBytes
          ? tooLarge(bytes, bytes.length, line, limits)
          : { bytes, line };
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
