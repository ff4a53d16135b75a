import type { Condition } from './query';
import type { DocumentFilterValue, DocumentSort } from './types';

/**
 * Translates validated conditions into SQL over a collection table
 * `(id TEXT, doc TEXT JSON, revision INTEGER)`. Pure, so the SQL is unit-testable.
 *
 * Every comparison is guarded by the JSON type of the stored value, so that SQLite compares
 * like MongoDB does: a number matches only numbers, a string only strings (SQLite alone
 * would call any text greater than any number, and would see `'1'` in an object as text).
 */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

interface FieldSql {
  /** The value as SQL sees it (a column or `json_extract`). */
  readonly value: string;
  /** Its JSON type name as `json_type` spells it: 'text', 'integer', 'real', 'true', ... */
  readonly type: string;
}

/**
 * `_id` and `revision` live in columns; every other field in the JSON body. The JSON path is
 * inlined (field names are validated identifiers) because SQLite uses an expression index
 * only when the query spells the expression exactly as the index does.
 */
export function fieldSql(field: string): FieldSql {
  if (field === '_id') return { value: 'id', type: "'text'" };
  if (field === 'revision') return { value: 'revision', type: "'integer'" };
  return { value: indexExpression(field), type: `json_type(doc, '$.${field}')` };
}

/** The expression an index on `field` covers; queries spell it identically. */
export function indexExpression(field: string): string {
  return `json_extract(doc, '$.${field}')`;
}

const SQL_OPERATOR = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const NUMBER_TYPES = "('integer', 'real')";

/** `WHERE ...` for the ANDed conditions, or an empty fragment when there are none. */
export function whereClause(conditions: readonly Condition[]): SqlFragment {
  if (conditions.length === 0) return { sql: '', params: [] };
  const parts = conditions.map(conditionSql);
  return {
    sql: `WHERE ${parts.map((part) => part.sql).join(' AND ')}`,
    params: parts.flatMap((part) => part.params),
  };
}

function conditionSql(condition: Condition): SqlFragment {
  const field = fieldSql(condition.field);
  switch (condition.op) {
    case 'in':
      return inSql(field, condition.values);
    case 'eq':
      return compareSql(field, '=', condition.value);
    default:
      return compareSql(field, SQL_OPERATOR[condition.op], condition.value);
  }
}

function compareSql(field: FieldSql, operator: string, value: DocumentFilterValue): SqlFragment {
  if (value === null) return { sql: `${field.value} IS NULL`, params: [] };
  if (typeof value === 'boolean') return { sql: `${field.type} = '${value}'`, params: [] };
  const types = typeof value === 'string' ? "= 'text'" : `IN ${NUMBER_TYPES}`;
  return { sql: `(${field.type} ${types} AND ${field.value} ${operator} ?)`, params: [value] };
}

/** `$in` matches if any alternative does; grouped by type so each group keeps its type guard. */
function inSql(field: FieldSql, values: readonly DocumentFilterValue[]): SqlFragment {
  const strings = values.filter((value): value is string => typeof value === 'string');
  const numbers = values.filter((value): value is number => typeof value === 'number');
  const booleans = values.filter((value): value is boolean => typeof value === 'boolean');
  const alternatives: SqlFragment[] = [];
  if (values.includes(null)) alternatives.push({ sql: `${field.value} IS NULL`, params: [] });
  if (strings.length > 0) alternatives.push(typedIn(field, "= 'text'", strings));
  if (numbers.length > 0) alternatives.push(typedIn(field, `IN ${NUMBER_TYPES}`, numbers));
  if (booleans.length > 0) {
    const names = [...new Set(booleans)].map((value) => `'${value}'`).join(', ');
    alternatives.push({ sql: `${field.type} IN (${names})`, params: [] });
  }
  if (alternatives.length === 0) return { sql: '0', params: [] };
  return {
    sql: `(${alternatives.map((part) => part.sql).join(' OR ')})`,
    params: alternatives.flatMap((part) => part.params),
  };
}

function typedIn(field: FieldSql, typeTest: string, values: readonly (string | number)[]) {
  const placeholders = values.map(() => '?').join(', ');
  return {
    sql: `(${field.type} ${typeTest} AND ${field.value} IN (${placeholders}))`,
    params: values,
  };
}

/** `ORDER BY` with `_id` as the tie-breaker, so equal keys come back in a stable order. */
export function orderByClause(sort: DocumentSort | undefined): string {
  if (sort === undefined || sort.field === '_id') {
    return `ORDER BY id ${sort?.direction === -1 ? 'DESC' : 'ASC'}`;
  }
  const direction = sort.direction === 1 ? 'ASC' : 'DESC';
  return `ORDER BY ${fieldSql(sort.field).value} ${direction}, id ASC`;
}
