import { insertStatement, withWrites } from './sql';

describe('withWrites', () => {
  const main = {
    text: 'UPDATE t SET a = $1 WHERE k = $2 RETURNING k',
    params: ['x', 7],
    prepared: true,
  };

  it('puts the writes ahead as CTEs, their parameters numbered after the main statement’s', () => {
    const many = insertStatement(
      'e',
      ['a'],
      Array.from({ length: 10 }, (_, i) => [i]),
    )!;
    const one = insertStatement('j', ['b', 'c'], [['y', 'z']])!;
    const combined = withWrites(main, [one, many]);
    expect(combined.text).toBe(
      'WITH w0 AS (INSERT INTO j (b, c) VALUES ($3, $4) ), ' +
        'w1 AS (INSERT INTO e (a) VALUES ($5), ($6), ($7), ($8), ($9), ($10), ($11), ($12), ($13), ($14) ) ' +
        'UPDATE t SET a = $1 WHERE k = $2 RETURNING k',
    );
    expect(combined.params).toEqual(['x', 7, 'y', 'z', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Ten rows are past what is kept prepared: so is the whole statement.
    expect(combined.prepared).toBe(false);
    expect(withWrites(main, [one]).prepared).toBe(true);
  });

  it('is the main statement when there is nothing to write', () => {
    expect(withWrites(main, [])).toBe(main);
  });
});
