import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { reports } from './schema/index.js';
import { frozen } from './frozen.js';

const dialect = new PgDialect();

describe('frozen()', () => {
  it('makes the same statement as the piece it froze', () => {
    const piece = sql`exists (select 1 from report_assignees la where la.report_id = ${reports.id}
      and ${sql.identifier('la')}.user_id is not null)`;
    const around = (p: typeof piece) =>
      dialect.sqlToQuery(sql`select ${reports.id} from ${reports} where ${reports.number} > ${3}
        and ${p} and ${reports.title} = ${'x'}`);
    expect(around(frozen(piece))).toEqual(around(piece));
  });

  it('refuses a piece that holds a value', () => {
    expect(() => frozen(sql`${reports.number} > ${3}`)).toThrow(/holds 1 value/);
  });
});
