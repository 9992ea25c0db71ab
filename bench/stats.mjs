/**
 * Small helpers shared by the benchmark scripts: order statistics over
 * repeated measurements, machine load, and fixed-width text tables.
 *
 * Percentiles use the nearest-rank method (p95 of 50 samples is the 48th
 * smallest), which never reports a time that was not measured.
 */

import os from 'node:os';

export function median(values) {
  return percentile(values, 50);
}

export function minimum(values) {
  return values.length === 0 ? NaN : Math.min(...values);
}

export function maximum(values) {
  return values.length === 0 ? NaN : Math.max(...values);
}

/** Nearest-rank percentile, p in 0..100. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The 1, 5 and 15 minute load averages, rounded. */
export function loadAverage() {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

export function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export const ms = (value) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '-');
export const mib = (kib) => (Number.isFinite(kib) ? (kib / 1024).toFixed(1) : '-');

/** Rows of cells as an aligned text table (first column left, others right). */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
