#!/usr/bin/env node
/**
 * Generates the after-sales sample: one CSV row per support ticket.
 *
 *   node samples/after-sales/generate.mjs [--rows N] [--seed S] [--out PATH]
 *
 * Defaults: 5000 rows, seed 42, out data/tickets.csv next to this script.
 * The output depends only on --rows and --seed (seeded PRNG, no clock, no
 * locale), so the same arguments give the same bytes on every machine. Rows are
 * written in batches through a stream, so a million rows take little memory.
 *
 * What the data is meant to show: channels with very different first-response
 * times and a heavy tail (P90 differs from the mean), unanswered tickets (blank
 * first_response_min), ratings answered by about half of the customers, the
 * phone channel never asking for csat (a segment with no data), and free-text
 * regions that need CSV quoting ("North, East", "Greater" London, accents).
 */

import { fileURLToPath } from 'node:url';
import { csvField, normal, pad2, pick, runGenerator } from '../generator-kit.mjs';

const HEADER = [
  'ticket_id', 'opened_at', 'channel', 'region', 'first_response_min', 'resolution_hours',
  'resolved', 'reopened', 'csat', 'nps', 'refund_amount',
];

/** Log-normal draw with the given median and spread (sigma of the log). */
function logNormal(random, median, sigma) {
  return median * Math.exp(sigma * normal(random));
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round1 = (x) => String(Math.round(x * 10) / 10);
const round2 = (x) => String(Math.round(x * 100) / 100);

const CHANNELS = [['chat', 35], ['email', 30], ['phone', 20], ['app', 15]];

/**
 * First-response minutes per channel: median and log spread. Chat answers in
 * minutes, email in hours (still counted in minutes), phone after a queue.
 */
const FIRST_RESPONSE = {
  chat: { median: 2.5, sigma: 1.0, unanswered: 0.03 },
  email: { median: 240, sigma: 1.1, unanswered: 0.06 },
  phone: { median: 1.5, sigma: 0.8, unanswered: 0.02 },
  app: { median: 35, sigma: 1.2, unanswered: 0.05 },
};

const RESOLUTION_MEDIAN_HOURS = { chat: 4, email: 30, phone: 6, app: 20 };

const REGIONS = [
  ['North', 18], ['South', 16], ['East', 14], ['West', 14], ['Central', 12],
  ['North, East', 8], ['"Greater" London', 10], ['Île-de-France', 8],
];

// 2025-01-01T00:00:00Z .. 2025-07-01T00:00:00Z: six months of tickets.
const START_MS = Date.UTC(2025, 0, 1);
const SPAN_SECONDS = (Date.UTC(2025, 6, 1) - START_MS) / 1000;

function isoSeconds(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** One ticket as CSV fields, in HEADER order. */
function ticketRow(random, index) {
  const id = `TK-${String(index + 1).padStart(7, '0')}`;
  const openedAt = isoSeconds(START_MS + Math.floor(random() * SPAN_SECONDS) * 1000);
  const channel = pick(random, CHANNELS);
  const region = pick(random, REGIONS);

  const response = FIRST_RESPONSE[channel];
  const unanswered = random() < response.unanswered;
  const firstResponse = unanswered ? null : logNormal(random, response.median, response.sigma);
  // How slow the first reply was for this channel: drives the ratings below.
  const slowness = firstResponse === null ? 1.5 : Math.log(firstResponse / response.median);

  const resolved = !unanswered && random() < 0.9;
  const reopened = resolved && random() < 0.08;
  const resolutionHours = logNormal(random, RESOLUTION_MEDIAN_HOURS[channel], 0.9) *
    (resolved ? 1 : 2.5);

  // Ratings: answered by about 40-50% of customers; phone never asks for csat.
  const mood = 0.9 - 0.45 * slowness - (reopened ? 1.2 : 0) - (resolved ? 0 : 1.0) +
    0.8 * normal(random);
  const csat = channel !== 'phone' && random() < 0.5
    ? clamp(Math.round(3.6 + mood), 1, 5) : null;
  const nps = random() < 0.4 ? clamp(Math.round(7.2 + 1.6 * mood), 0, 10) : null;

  let refund = 0;
  const refundDraw = random();
  if (refundDraw < 0.02) refund = null;
  else if (refundDraw < 0.2) refund = logNormal(random, 25, 0.8);

  return [
    id,
    openedAt,
    channel,
    csvField(region),
    firstResponse === null ? '' : round1(firstResponse),
    round2(resolutionHours),
    String(resolved),
    String(reopened),
    csat === null ? '' : String(csat),
    nps === null ? '' : String(nps),
    refund === null ? '' : round2(refund),
  ].join(',');
}

runGenerator({
  header: HEADER,
  defaults: { rows: 5000, seed: 42, out: fileURLToPath(new URL('./data/tickets.csv', import.meta.url)) },
  row: ticketRow,
});
