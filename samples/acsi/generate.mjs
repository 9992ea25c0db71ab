#!/usr/bin/env node
/**
 * Generates the ACSI sample: one CSV row per post-purchase survey answer.
 *
 *   node samples/acsi/generate.mjs [--rows N] [--seed S] [--out PATH]
 *
 * Defaults: 400 rows, seed 7, out data/survey.csv next to this script. The
 * output depends only on --rows and --seed (seeded PRNG, no clock, no locale).
 *
 * The ratings (1-10) follow the ACSI model's causal order: expectations
 * colour perceived quality, quality drives perceived value, the three drive
 * satisfaction, and low satisfaction raises complaints and lowers loyalty.
 * Each segment (online, store, marketplace) has its own quality level. A few
 * answers skip a question (blank cell).
 */

import { fileURLToPath } from 'node:url';
import { normal, pad2, pick, runGenerator } from '../generator-kit.mjs';

const HEADER = [
  'response_id', 'answered_on', 'segment', 'expectations', 'perceived_quality', 'perceived_value',
  'satisfaction', 'complaint', 'loyalty',
];

/** A latent score as a 1-10 rating. */
const rating = (x) => Math.min(10, Math.max(1, Math.round(x)));

const SEGMENTS = [['online', 45], ['store', 35], ['marketplace', 20]];
/** Perceived-quality shift per segment: marketplace sellers vary the most and disappoint more. */
const QUALITY_SHIFT = { online: 0.2, store: 0.6, marketplace: -0.9 };

// Two quarters of 2025: 2025-01-01 .. 2025-06-30.
const START_MS = Date.UTC(2025, 0, 1);
const DAYS = (Date.UTC(2025, 6, 1) - START_MS) / 86_400_000;

function isoDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** One survey answer as CSV fields, in HEADER order. */
function answerRow(random, index) {
  const id = `R-${String(index + 1).padStart(5, '0')}`;
  const answeredOn = isoDate(START_MS + Math.floor(random() * DAYS) * 86_400_000);
  const segment = pick(random, SEGMENTS);

  const expectations = 7.2 + 1.3 * normal(random);
  const quality = 0.35 * expectations + 0.65 * (7.0 + 1.5 * normal(random)) + QUALITY_SHIFT[segment];
  const value = 0.55 * quality + 0.45 * (6.4 + 1.6 * normal(random));
  const satisfaction = 0.15 * expectations + 0.5 * quality + 0.35 * value + 0.7 * normal(random);
  const complaint = random() < 1 / (1 + Math.exp(1.3 * (satisfaction - 4.6)));
  const loyalty = 0.75 * satisfaction + 0.25 * (7 + 1.5 * normal(random)) - (complaint ? 1.2 : 0);

  // Some respondents skip a question.
  const answered = (x) => (random() < 0.06 ? '' : String(rating(x)));
  return [
    id,
    answeredOn,
    segment,
    answered(expectations),
    answered(quality),
    answered(value),
    answered(satisfaction),
    String(complaint),
    answered(loyalty),
  ].join(',');
}

runGenerator({
  header: HEADER,
  defaults: { rows: 400, seed: 7, out: fileURLToPath(new URL('./data/survey.csv', import.meta.url)) },
  row: answerRow,
});
