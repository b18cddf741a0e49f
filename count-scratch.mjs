import { PgDialect } from 'drizzle-orm/pg-core';
import { writeFileSync } from 'node:fs';
const orig = PgDialect.prototype.sqlToQuery;
const stats = new Map();
PgDialect.prototype.sqlToQuery = function (...args) {
  const t = process.hrtime.bigint();
  const r = orig.apply(this, args);
  const dt = Number(process.hrtime.bigint() - t) / 1e6;
  const k = r.sql.replace(/\s+/g, ' ').slice(0, 110);
  const s = stats.get(k) ?? { n: 0, ms: 0 };
  s.n++; s.ms += dt; stats.set(k, s);
  return r;
};
const dump = () => {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40).map(([k, s]) => `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(7)}x  ${k}`);
  writeFileSync(`/tmp/sqlcount-${process.pid}.txt`, rows.join('\n'));
};
setInterval(dump, 2000).unref();
