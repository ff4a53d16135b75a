import { toMongoFilter, toMongoSort } from './mongo-query';
import { normalizeFilter } from './query';

describe('toMongoFilter', () => {
  it('translates every filter form into explicit operators', () => {
    const filter = normalizeFilter({
      _id: 'm1',
      user_id: 'u1',
      deleted_at: null,
      archived: false,
      stage: { $in: ['staging', null] },
      auc: { $gte: 0.7, $lt: 0.9 },
      name: { $gt: 'a', $lte: 'm' },
    });
    expect(toMongoFilter(filter)).toEqual({
      _id: { $eq: 'm1' },
      user_id: { $eq: 'u1' },
      deleted_at: { $eq: null },
      archived: { $eq: false },
      stage: { $in: ['staging', null] },
      auc: { $gte: 0.7, $lt: 0.9 },
      name: { $gt: 'a', $lte: 'm' },
    });
  });

  it('matches everything for an empty filter and nothing for an empty $in', () => {
    expect(toMongoFilter(normalizeFilter(undefined))).toEqual({});
    expect(toMongoFilter(normalizeFilter({ stage: { $in: [] } }))).toEqual({ stage: { $in: [] } });
  });
});

describe('toMongoSort', () => {
  it('breaks ties by _id', () => {
    expect(toMongoSort(undefined)).toEqual({ _id: 1 });
    expect(toMongoSort({ field: 'created_at', direction: -1 })).toEqual({ created_at: -1, _id: 1 });
    expect(toMongoSort({ field: '_id', direction: -1 })).toEqual({ _id: -1 });
  });

  it('keeps the sort field before the tie-breaker', () => {
    expect(Object.keys(toMongoSort({ field: 'auc', direction: 1 }))).toEqual(['auc', '_id']);
  });
});
