/**
 * A tiny deterministic ticket export for the evaluator oracle, independent of
 * the sample's generator. It has what the oracle must exercise: blanks in
 * every optional column, blank bools (unknown conditions), a channel that
 * never has csat (`phone`) and one that never has nps (`app`), rows without
 * a region (in no segment), regions that need CSV quoting, many tied values,
 * and a month without any ticket (2025-02) inside the trend range.
 */

import { seededRandom as random } from '../../support/seeded-random';

export const TICKET_COLUMNS = [
  'ticket_id', 'opened_at', 'channel', 'region', 'first_response_min', 'resolution_hours',
  'resolved', 'reopened', 'csat', 'nps', 'refund_amount',
] as const;

const CHANNELS = ['chat', 'email', 'phone', 'app'];
const REGIONS = ['North', 'South', 'North, East', '"Greater" London', 'Île-de-France', 'east', ''];
/** [year, month]: February 2025 is skipped on purpose. */
const MONTHS: Array<[number, number]> = [[2024, 11], [2024, 12], [2025, 1], [2025, 3], [2025, 4]];

const pad = (n: number) => String(n).padStart(2, '0');
const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function generateTickets(rows: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const lines = [TICKET_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const [year, month] = pick(MONTHS);
    const day = 1 + Math.floor(next() * 28);
    const opened = `${year}-${pad(month)}-${pad(day)}T${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:00`;
    const channel = pick(CHANNELS);
    const region = pick(REGIONS);
    // Whole minutes half the time: ties for the percentiles.
    const minutes = next() < 0.1 ? '' : next() < 0.5 ? String(Math.floor(next() * 90)) : (next() * 200).toFixed(1);
    const hours = next() < 0.05 ? '' : (next() * 72).toFixed(2);
    const resolved = next() < 0.04 ? '' : String(next() < 0.85);
    const reopened = next() < 0.04 ? '' : String(next() < 0.1);
    const csat = channel === 'phone' || next() < 0.45 ? '' : String(1 + Math.floor(next() * 5));
    const nps = channel === 'app' || next() < 0.5 ? '' : String(Math.floor(next() * 11));
    const refund = next() < 0.7 ? '0' : next() < 0.1 ? '' : (next() * 80).toFixed(2);
    lines.push([`T-${i + 1}`, opened, channel, quote(region), minutes, hours, resolved, reopened, csat, nps, refund].join(','));
  }
  return `${lines.join('\n')}\n`;
}
