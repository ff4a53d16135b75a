import { InvalidQueryError } from './errors';
import { normalizeFilter, normalizeFindOptions } from './query';

describe('normalizeFilter', () => {
  it('reduces equality and operators to ANDed conditions', () => {
    expect(
      normalizeFilter({
        user_id: 'u1',
        archived: false,
        deleted_at: null,
        stage: { $in: ['staging', 'production'] },
        auc: { $gte: 0.7, $lt: 0.9 },
        name: { $gt: 'a', $lte: 'm' },
        ignored: undefined,
      }),
    ).toEqual([
      { field: 'user_id', op: 'eq', value: 'u1' },
      { field: 'archived', op: 'eq', value: false },
      { field: 'deleted_at', op: 'eq', value: null },
      { field: 'stage', op: 'in', values: ['staging', 'production'] },
      { field: 'auc', op: 'gte', value: 0.7 },
      { field: 'auc', op: 'lt', value: 0.9 },
      { field: 'name', op: 'gt', value: 'a' },
      { field: 'name', op: 'lte', value: 'm' },
    ]);
    expect(normalizeFilter(undefined)).toEqual([]);
    expect(normalizeFilter({})).toEqual([]);
  });

  it.each([
    [{ $where: 'sleep(1000)' }, 'filter.$where', 'top-level operators'],
    [{ 'metrics.auc': 1 }, 'filter.metrics.auc', 'only top-level fields'],
    [{ stage: { $regex: '^prod' } }, 'filter.stage.$regex', 'unsupported operator'],
    [{ stage: { $in: 'prod' } }, 'filter.stage.$in', 'must be an array'],
    [{ stage: { $in: [['prod']] } }, 'filter.stage.$in[0]', 'must be a string'],
    [{ auc: { $gt: null } }, 'filter.auc.$gt', 'must be a number or a string'],
    [{ auc: { $gt: Number.NaN } }, 'filter.auc.$gt', 'finite'],
    [{ tags: ['a'] }, 'filter.tags', 'operator object'],
    [{ stage: {} }, 'filter.stage', 'empty'],
  ])('rejects %j at %s', (filter, path, rule) => {
    let error: unknown;
    try {
      normalizeFilter(filter);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as InvalidQueryError).path).toBe(path);
    expect((error as InvalidQueryError).message).toContain(rule);
  });
});

describe('normalizeFindOptions', () => {
  it('accepts a sort on a top-level field and a positive limit', () => {
    expect(
      normalizeFindOptions({ sort: { field: 'created_at', direction: -1 }, limit: 5 }),
    ).toEqual({ sort: { field: 'created_at', direction: -1 }, limit: 5 });
  });

  it('rejects a nested sort field and a non-positive limit', () => {
    expect(() => normalizeFindOptions({ sort: { field: 'a.b', direction: 1 } })).toThrow(
      'options.sort.field',
    );
    expect(() => normalizeFindOptions({ limit: 0 })).toThrow('options.limit: must be a positive');
    expect(() => normalizeFindOptions({ limit: 2.5 })).toThrow(InvalidQueryError);
  });
});
