import { InvalidQueryError } from './errors';
import { assertFieldName } from './names';
import type { DocumentFilterValue, DocumentFindOptions, DocumentSort } from './types';

/**
 * Filters and find options checked and reduced to a small engine-neutral form. Each engine
 * translates only this form, so an operator we do not support (`$where`, `$regex`, nested
 * paths) can never reach an engine by accident, and both engines see the same rules.
 */
export type Condition =
  | { readonly field: string; readonly op: 'eq'; readonly value: DocumentFilterValue }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly DocumentFilterValue[] }
  | { readonly field: string; readonly op: RangeOp; readonly value: string | number };

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

export interface NormalizedFind {
  readonly sort?: DocumentSort;
  readonly limit?: number;
}

const RANGE_OPS: Readonly<Record<string, RangeOp>> = {
  $gt: 'gt',
  $gte: 'gte',
  $lt: 'lt',
  $lte: 'lte',
};

const SUPPORTED = 'equality, $in, $gt, $gte, $lt, $lte';

/** Validates a filter and returns its conditions (ANDed). `undefined` fields are ignored. */
export function normalizeFilter(filter: object | undefined): Condition[] {
  if (filter === undefined) return [];
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new InvalidQueryError('filter', 'must be an object of field conditions');
  }
  const conditions: Condition[] = [];
  for (const [field, spec] of Object.entries(filter) as [string, unknown][]) {
    if (spec === undefined) continue;
    const path = `filter.${field}`;
    if (field.startsWith('$')) {
      throw new InvalidQueryError(path, `top-level operators are not supported (${SUPPORTED})`);
    }
    assertFieldName(field, path);
    if (isScalar(spec)) {
      conditions.push({ field, op: 'eq', value: checkScalar(spec, path) });
    } else if (typeof spec === 'object' && !Array.isArray(spec)) {
      conditions.push(...operatorConditions(field, spec as Record<string, unknown>, path));
    } else {
      throw new InvalidQueryError(
        path,
        `must be a string, number, boolean, null or an operator object (${SUPPORTED})`,
      );
    }
  }
  return conditions;
}

function operatorConditions(
  field: string,
  spec: Record<string, unknown>,
  path: string,
): Condition[] {
  const entries = Object.entries(spec).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new InvalidQueryError(path, 'operator object is empty');
  return entries.map(([op, operand]): Condition => {
    const opPath = `${path}.${op}`;
    if (op === '$in') {
      if (!Array.isArray(operand)) throw new InvalidQueryError(opPath, 'must be an array');
      const values = operand.map((value: unknown, i) => {
        if (!isScalar(value)) {
          throw new InvalidQueryError(
            `${opPath}[${i}]`,
            'must be a string, number, boolean or null',
          );
        }
        return checkScalar(value, `${opPath}[${i}]`);
      });
      return { field, op: 'in', values };
    }
    const range = RANGE_OPS[op];
    if (range === undefined) {
      throw new InvalidQueryError(opPath, `unsupported operator (supported: ${SUPPORTED})`);
    }
    if (typeof operand !== 'string' && typeof operand !== 'number') {
      throw new InvalidQueryError(opPath, 'must be a number or a string');
    }
    return { field, op: range, value: checkScalar(operand, opPath) as string | number };
  });
}

/** Validates sort and limit. */
export function normalizeFindOptions(options: DocumentFindOptions | undefined): NormalizedFind {
  if (options === undefined) return {};
  const { sort, limit } = options;
  if (sort !== undefined) {
    assertFieldName(sort.field, 'options.sort.field');
    if (sort.direction !== 1 && sort.direction !== -1) {
      throw new InvalidQueryError(
        'options.sort.direction',
        'must be 1 (ascending) or -1 (descending)',
      );
    }
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidQueryError(
      'options.limit',
      `must be a positive integer (got ${limit}); omit it for no limit`,
    );
  }
  return { sort, limit };
}

function isScalar(value: unknown): value is DocumentFilterValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function checkScalar(value: DocumentFilterValue, path: string): DocumentFilterValue {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidQueryError(path, `must be a finite number (got ${value})`);
  }
  return value;
}
