/**
 * The server's settings (the `kpi` section of the client's configuration),
 * parsed with zod so that anything missing, `null` or of the wrong type falls
 * back to its default field by field: Neovim and Helix answer
 * `workspace/configuration` with `null` when nothing is set, and one bad
 * value must not throw away the others.
 */

import * as z from 'zod';

export const SETTINGS_SECTION = 'kpi';

const DEFAULT_MAX_ROWS = 200_000;

const EvaluationSettings = z.object({
  /** Evaluate KPIs against their data as you type (inlay hints, code lenses, hovers). */
  enabled: z.boolean().catch(true),
  /** At most this many rows of each data file are read for live results. */
  maxRows: z.number().int().positive().catch(DEFAULT_MAX_ROWS),
});

const InlayHintSettings = z.object({
  enabled: z.boolean().catch(true),
});

/** `kpi.compare.base`: what the editor's deltas compare with (see compare/resolve-base.ts). */
const CompareSettings = z.object({
  /** `auto` (the merge base with the default branch), a revision, or `''` / `off` for no deltas. */
  base: z.string().catch('auto'),
});

const TraceSettings = z.object({
  server: z.enum(['off', 'messages', 'verbose']).catch('off'),
});

/** `null`, arrays and non-objects read as "nothing set", so every field takes its default. */
function objectOrEmpty(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

const SettingsSchema = z.object({
  evaluation: z.preprocess(objectOrEmpty, EvaluationSettings),
  inlayHints: z.preprocess(objectOrEmpty, InlayHintSettings),
  compare: z.preprocess(objectOrEmpty, CompareSettings),
  trace: z.preprocess(objectOrEmpty, TraceSettings),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** Settings from whatever the client sent: never throws. */
export function parseSettings(raw: unknown): Settings {
  return SettingsSchema.parse(objectOrEmpty(raw));
}

export const DEFAULT_SETTINGS: Settings = parseSettings(undefined);
