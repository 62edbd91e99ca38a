import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `SELECT id::text … ORDER BY id` orders by the output column, the text: event 100 came
 * before event 99 in an instance's history, and owed engine commands and outgoing messages
 * ran out of order past the ninth (issue 11). A key or id selected as text must be ordered
 * by its table's column, written with the table's name.
 */
describe('SQL ordering', () => {
  const root = join(__dirname, '../../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === '__tests__' ? [] : files(path);
      return path.endsWith('.ts') ? [path] : [];
    });

  it('never orders by a column that the same query selects as text under its own name', () => {
    const offenders: string[] = [];
    for (const file of files(root)) {
      const source = readFileSync(file, 'utf8');
      for (const [query] of source.matchAll(/`[^`]*\bSELECT\b[^`]*\bORDER BY\b[^`]*`/gs)) {
        const selectList = query.slice(0, query.search(/\bFROM\b/));
        // `x::text` with no alias keeps the name x; `t.x::text` too.
        const asText = [...selectList.matchAll(/(?:\w+\.)?(\w+)::text(?!\s+AS\b)/gi)].map(
          (m) => m[1],
        );
        const orderBy = query.slice(query.lastIndexOf('ORDER BY') + 'ORDER BY'.length);
        const clause = orderBy.split(/\b(?:LIMIT|OFFSET|FOR UPDATE)\b|[`)]/)[0];
        for (const column of asText) {
          if (new RegExp(`(^|[\\s,(])${column}\\b`).test(clause))
            offenders.push(`${relative(root, file)}: ORDER BY ${column} (selected as text)`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
