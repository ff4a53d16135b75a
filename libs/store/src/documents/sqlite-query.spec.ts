import { normalizeFilter } from './query';
import { fieldSql, orderByClause, whereClause } from './sqlite-query';

const where = (filter: object) => whereClause(normalizeFilter(filter));

describe('whereClause', () => {
  it('guards every comparison with the stored JSON type', () => {
    expect(where({ auc: { $gt: 0.8 } })).toEqual({
      sql: "WHERE (json_type(doc, '$.auc') IN ('integer', 'real') AND json_extract(doc, '$.auc') > ?)",
      params: [0.8],
    });
    expect(where({ stage: 'production' })).toEqual({
      sql: "WHERE (json_type(doc, '$.stage') = 'text' AND json_extract(doc, '$.stage') = ?)",
      params: ['production'],
    });
    expect(where({ approved: true }).sql).toBe("WHERE json_type(doc, '$.approved') = 'true'");
    expect(where({ deleted_at: null }).sql).toBe("WHERE json_extract(doc, '$.deleted_at') IS NULL");
  });

  it('splits $in by type and matches nothing for an empty list', () => {
    expect(where({ v: { $in: ['a', 1, null, false, 'b'] } })).toEqual({
      sql:
        "WHERE (json_extract(doc, '$.v') IS NULL" +
        " OR (json_type(doc, '$.v') = 'text' AND json_extract(doc, '$.v') IN (?, ?))" +
        " OR (json_type(doc, '$.v') IN ('integer', 'real') AND json_extract(doc, '$.v') IN (?))" +
        " OR json_type(doc, '$.v') IN ('false'))",
      params: ['a', 'b', 1],
    });
    expect(where({ v: { $in: [] } }).sql).toBe('WHERE 0');
  });

  it('reads _id and revision from their columns and ANDs conditions', () => {
    expect(fieldSql('_id')).toEqual({ value: 'id', type: "'text'" });
    expect(where({ _id: 'x', revision: 2 })).toEqual({
      sql: "WHERE ('text' = 'text' AND id = ?) AND ('integer' IN ('integer', 'real') AND revision = ?)",
      params: ['x', 2],
    });
    expect(where({})).toEqual({ sql: '', params: [] });
  });
});

describe('orderByClause', () => {
  it('breaks ties by id', () => {
    expect(orderByClause(undefined)).toBe('ORDER BY id ASC');
    expect(orderByClause({ field: '_id', direction: -1 })).toBe('ORDER BY id DESC');
    expect(orderByClause({ field: 'auc', direction: -1 })).toBe(
      "ORDER BY json_extract(doc, '$.auc') DESC, id ASC",
    );
  });
});
