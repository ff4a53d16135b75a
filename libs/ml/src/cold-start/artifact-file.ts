import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  CELL_DIMENSIONS,
  type CellDimension,
  type ColdStartArtifact,
  type ColdStartCell,
  type ColdStartPeer,
} from './types';

/**
 * The registered cold-start artifact's bytes. Everything but the peer index is JSON as it is
 * in memory; the peer index (every successful established user: embedding, outcome cells,
 * resume figures, never an id) is columns of typed arrays, each in the narrowest type that
 * holds its values exactly, deflated and base64'd into one string. One JSON object per peer
 * (v1) made 100,000 peers 126 MB, over the registry's 16 MiB cap; columns make them a few MB,
 * and loading reads the numbers straight from the inflated buffer instead of parsing text.
 * The answers are the same: every value comes back exactly (see `narrowestType`), cells in
 * each peer's own order.
 */
export const COLD_START_FILE_FORMAT = 'hirelearn.cold-start/v2';

const RESUME_FIELDS = Object.freeze([
  'bullet_metric_share',
  'action_verb_share',
  'certifications_count',
  'skills_count',
  'page_count',
] as const satisfies readonly (keyof ColdStartPeer['resume'])[]);

const ARRAYS = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;
type ColumnType = keyof typeof ARRAYS;
type Column = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** Where one column lies in the inflated block (bytes, 8-aligned) and how to read it. */
interface ColumnEntry {
  readonly name: string;
  readonly type: ColumnType;
  readonly offset: number;
  readonly length: number;
}

/** The peer index as the file holds it. */
export interface ColdStartPeerIndexFile {
  readonly count: number;
  /** Distinct segment keys; a peer's `segment` column is an index here. */
  readonly segments: readonly string[];
  /** Distinct (dimension, value) of the cells; a cell's `cell_category` is an index here. */
  readonly categories: readonly (readonly [CellDimension, string])[];
  readonly columns: readonly ColumnEntry[];
  /** The columns, 8-aligned one after the other, deflated (raw), base64. */
  readonly data: string;
}

/** The artifact as registered: the in-memory artifact with its peers as columns. */
export type ColdStartArtifactFile = Omit<ColdStartArtifact, 'format' | 'peers'> & {
  readonly format: typeof COLD_START_FILE_FORMAT;
  readonly peer_index: ColdStartPeerIndexFile;
};

/**
 * The narrowest array type holding every value exactly (NaN stands for null): unsigned
 * integers by their maximum, then float32 when every value survives `Math.fround`, else float64.
 */
function narrowestType(xs: readonly number[]): ColumnType {
  let integers = true;
  let single = true;
  let top = 0;
  for (const x of xs) {
    if (Number.isInteger(x) && x >= 0 && !Object.is(x, -0)) top = Math.max(top, x);
    else integers = false;
    if (!Number.isNaN(x) && Math.fround(x) !== x) single = false;
  }
  if (integers) return top <= 0xff ? 'uint8' : top <= 0xffff ? 'uint16' : 'uint32';
  return single ? 'float32' : 'float64';
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function indexOf<T>(index: Map<T, number>, key: T): number {
  let i = index.get(key);
  if (i === undefined) index.set(key, (i = index.size));
  return i;
}

/** The artifact's registered bytes (UTF-8 JSON), its peer index as columns. */
export function serializeColdStart(artifact: ColdStartArtifact): string {
  const { peers, format: _format, ...rest } = artifact;
  const d = artifact.embedding_dim;
  const segments = new Map<string, number>();
  const categories = new Map<string, number>();
  const categoryPairs: [CellDimension, string][] = [];
  const raw: Record<string, number[]> = {
    embedding: [],
    applications: [],
    interviews: [],
    segment: [],
    cell_count: [],
    cell_category: [],
    cell_applications: [],
    cell_interviews: [],
    ...Object.fromEntries(RESUME_FIELDS.map((f) => [`resume_${f}`, []])),
  };
  for (const p of peers) {
    if (p.embedding.length !== d) {
      throw new RangeError(
        `peer embedding: ${p.embedding.length} values, must be embedding_dim ${d}`,
      );
    }
    raw.embedding.push(...p.embedding);
    raw.applications.push(p.applications);
    raw.interviews.push(p.interviews);
    raw.segment.push(indexOf(segments, p.segment));
    raw.cell_count.push(p.cells.length);
    for (const c of p.cells) {
      const key = `${c.dimension}\u0000${c.value}`;
      if (!categories.has(key)) categoryPairs.push([c.dimension, c.value]);
      raw.cell_category.push(indexOf(categories, key));
      raw.cell_applications.push(c.applications);
      raw.cell_interviews.push(c.interviews);
    }
    for (const f of RESUME_FIELDS) raw[`resume_${f}`].push(p.resume[f] ?? NaN);
  }
  const columns: ColumnEntry[] = [];
  let offset = 0;
  for (const [name, xs] of Object.entries(raw)) {
    const type = narrowestType(xs);
    columns.push({ name, type, offset, length: xs.length });
    offset = align8(offset + xs.length * ARRAYS[type].BYTES_PER_ELEMENT);
  }
  const block = new Uint8Array(offset);
  for (const c of columns) {
    const view = new ARRAYS[c.type](block.buffer, c.offset, c.length);
    view.set(raw[c.name]);
  }
  const file: ColdStartArtifactFile = {
    format: COLD_START_FILE_FORMAT,
    ...rest,
    peer_index: {
      count: peers.length,
      segments: [...segments.keys()],
      categories: categoryPairs,
      columns,
      data: deflateRawSync(block).toString('base64'),
    },
  };
  return JSON.stringify(file);
}

function invalid(field: string, rule: string): never {
  throw new TypeError(`cold-start artifact: ${field} ${rule}`);
}

/** The named column of the inflated block, checked against its expected length. */
function column(
  block: Buffer,
  entries: readonly ColumnEntry[],
  name: string,
  length: number,
): Column {
  const e =
    entries.find((c) => c.name === name) ?? invalid(`peer_index column ${name}`, 'is missing');
  const Array_ =
    ARRAYS[e.type] ?? invalid(`peer_index column ${name}`, `has unknown type ${e.type}`);
  if (e.length !== length)
    invalid(`peer_index column ${name}`, `has ${e.length} values, must have ${length}`);
  const bytes = e.length * Array_.BYTES_PER_ELEMENT;
  if (!(e.offset >= 0 && e.offset % 8 === 0 && e.offset + bytes <= block.length)) {
    invalid(`peer_index column ${name}`, 'must lie 8-aligned inside the data');
  }
  return new Array_(block.buffer as ArrayBuffer, block.byteOffset + e.offset, e.length);
}

function below(xs: Column, n: number, name: string): void {
  for (const x of xs)
    if (x >= n) invalid(`peer_index column ${name}`, `holds ${x}, must be below ${n}`);
}

/** The in-memory artifact of a v2 file: the peer index's columns read as peers again. */
export function parseColdStartFile(file: ColdStartArtifactFile): ColdStartArtifact {
  const { peer_index: index, format: _format, ...rest } = file;
  const n = index?.count;
  if (!Number.isInteger(n) || n < 0) invalid('peer_index.count', 'must be a whole number');
  const inflated = inflateRawSync(Buffer.from(index.data, 'base64'));
  // The views need 8-aligned columns: copy in the rare case the buffer itself is not.
  const block = inflated.byteOffset % 8 === 0 ? inflated : Buffer.from(new Uint8Array(inflated));
  const d = file.embedding_dim;
  const cols = index.columns;
  const embedding = column(block, cols, 'embedding', n * d);
  const applications = column(block, cols, 'applications', n);
  const interviews = column(block, cols, 'interviews', n);
  const segment = column(block, cols, 'segment', n);
  const cellCount = column(block, cols, 'cell_count', n);
  let cells = 0;
  for (const c of cellCount) cells += c;
  const category = column(block, cols, 'cell_category', cells);
  const cellApplications = column(block, cols, 'cell_applications', cells);
  const cellInterviews = column(block, cols, 'cell_interviews', cells);
  const resume = RESUME_FIELDS.map((f) => column(block, cols, `resume_${f}`, n));
  below(segment, index.segments.length, 'segment');
  below(category, index.categories.length, 'cell_category');
  for (const [dimension] of index.categories) {
    if (!CELL_DIMENSIONS.includes(dimension)) {
      invalid(
        'peer_index.categories',
        `has dimension ${dimension}, must be one of ${CELL_DIMENSIONS.join(', ')}`,
      );
    }
  }
  // Cells are frozen, so peers with the same counts in a category share one: far fewer objects
  // to build and to hold (counts are small) than one per peer and category.
  const shared = new Map<number, ColdStartCell>();
  let spanA = 1;
  let spanK = 1;
  for (let c = 0; c < cells; c++) {
    spanA = Math.max(spanA, cellApplications[c] + 1);
    spanK = Math.max(spanK, cellInterviews[c] + 1);
  }
  const peers = new Array<ColdStartPeer>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const own = new Array<ColdStartCell>(cellCount[i]);
    for (let j = 0; j < own.length; j++, at++) {
      const key = (category[at] * spanA + cellApplications[at]) * spanK + cellInterviews[at];
      let cell = shared.get(key);
      if (!cell) {
        const [dimension, value] = index.categories[category[at]];
        cell = Object.freeze({
          dimension,
          value,
          applications: cellApplications[at],
          interviews: cellInterviews[at],
        });
        shared.set(key, cell);
      }
      own[j] = cell;
    }
    const figure = (k: number) => (Number.isNaN(resume[k][i]) ? null : resume[k][i]);
    peers[i] = Object.freeze({
      embedding: Object.freeze(Array.from(embedding.subarray(i * d, (i + 1) * d))),
      applications: applications[i],
      interviews: interviews[i],
      segment: index.segments[segment[i]],
      cells: Object.freeze(own),
      resume: Object.freeze({
        bullet_metric_share: figure(0),
        action_verb_share: figure(1),
        certifications_count: figure(2),
        skills_count: figure(3),
        page_count: figure(4),
      }),
    });
  }
  return Object.freeze({ format: 'hirelearn.cold-start/v1', ...rest, peers: Object.freeze(peers) });
}
