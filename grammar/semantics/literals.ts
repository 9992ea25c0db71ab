/**
 * Date and datetime literals in conditions (`opened_at >= "2025-03-01"`),
 * read the same way the data loader reads cells: ISO dates and datetimes,
 * without a zone meaning UTC. Returns epoch milliseconds.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseDateLiteral(text: string): number | undefined {
  const date = DATE.exec(text);
  if (date) return utc(+date[1], +date[2], +date[3], 0, 0, 0, 0, undefined);
  const dt = DATETIME.exec(text);
  if (!dt) return undefined;
  const millis = dt[7] ? Math.round(Number(`0.${dt[7]}`) * 1000) : 0;
  return utc(+dt[1], +dt[2], +dt[3], +dt[4], +dt[5], dt[6] ? +dt[6] : 0, millis, dt[8]);
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const value = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(value);
  if (check.getUTCDate() !== d) return undefined; // 2025-02-30
  if (!zone || zone === 'Z') return value;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  return value - sign * offset;
}
