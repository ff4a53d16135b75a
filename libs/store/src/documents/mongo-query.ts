import type { Document } from 'mongodb';
import type { Condition } from './query';
import type { DocumentSort } from './types';

/**
 * Translates validated conditions into a MongoDB query. Pure, so it is unit-tested without a
 * server. Built from the normalized form (never passed through), so only the operators the
 * SQLite engine also implements reach MongoDB. `$eq: null` matches a missing field, as the
 * SQLite engine's `IS NULL` does; MongoDB's type bracketing (`$gt: 5` only sees numbers) is
 * what the SQLite engine's type guards reproduce.
 */
export function toMongoFilter(conditions: readonly Condition[]): Document {
  const filter: Record<string, Record<string, unknown>> = {};
  for (const condition of conditions) {
    const operators = (filter[condition.field] ??= {});
    if (condition.op === 'in') operators['$in'] = [...condition.values];
    else operators[`$${condition.op}`] = condition.value;
  }
  return filter;
}

/** The sort document, with `_id` as the tie-breaker as on every engine. */
export function toMongoSort(sort: DocumentSort | undefined): Record<string, 1 | -1> {
  if (sort === undefined) return { _id: 1 };
  if (sort.field === '_id') return { _id: sort.direction };
  return { [sort.field]: sort.direction, _id: 1 };
}
