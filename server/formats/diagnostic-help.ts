/**
 * The explanation of each diagnostic code, for outputs that carry help with
 * them (SARIF rules: code-scanning alerts show it next to the finding).
 *
 * The texts are the first paragraph of each code's section in
 * docs/diagnostics.md, which stays the source: test/formats/diagnostic-help
 * checks that they match it. Markdown (backticks) as in the docs.
 */

import type { DiagnosticCode } from '../../grammar/diagnostics';

export const DIAGNOSTIC_HELP: Record<DiagnosticCode, string> = {
  KPI001: 'The text does not follow the grammar. The parser recovers and reports every error in the file; the declarations around it are still checked and evaluated.',
  KPI002: '`import "x.kpi"` names a file that does not exist or cannot be read. The path is relative to the importing file.',
  KPI003: 'Two files import each other (directly or through others). Each file is read once, so this is harmless, but usually a mistake: move shared declarations to a third file.',
  KPI010: 'A KPI, index or dataset name that is not declared in the file or its imports. The message suggests the closest declared name (`did you mean `fcr`?`); the quick fix applies it.',
  KPI011: 'Two KPIs/indices (one namespace) or two datasets, or two columns of one dataset, share a name. The second one is ignored. A KPI may share its name with a dataset (`kpi tickets { value count(tickets) }`).',
  KPI012: 'A column the dataset does not declare, in an aggregation, a condition, a breakdown, a trend or a segment threshold. The message suggests the closest column.',
  KPI013: 'A dataset where a KPI or index is expected, e.g. as an index component.',
  KPI014: 'A bare column name in an aggregation when several datasets are declared: write `tickets.csat` instead of `csat`.',
  KPI020: 'A column type other than `text`, `number`, `int`, `bool`, `date`, `datetime`.',
  KPI021: 'A unit that is not in the unit table (`minutes`, `hours`, `percent`, ...).',
  KPI022: 'Units that do not convert: adding minutes to a count, `target <= 30%` on a minutes KPI, `unit count` on a value in minutes, a weight with a unit. Time units convert into each other (`target <= 2 hours` on a minutes KPI is fine).',
  KPI023: 'A value of the wrong type: comparing a text column with a number, `mean` of a text column, a condition where a number is expected (or the reverse), a string that is not a date compared with a date column, a trend over a non-date column.',
  KPI024: 'A unit or range on a non-numeric column, allowed values on a non-text column, an empty range (`5..1`), or a `key` column declared `optional`.',
  KPI030: 'A function that is not an aggregation (`avg` -> `mean`), or a period function (`month`) used outside `trend by`.',
  KPI031: 'An aggregation with the wrong number or kind of arguments: `share(tickets)` without a condition, `mean(tickets)` without a column, `percentile(x, 150)`.',
  KPI032: 'One aggregation reads columns of two datasets. Aggregate each separately and combine the results: `sum(a.x) / count(b)`.',
  KPI033: 'An aggregation nested in another, or a KPI name inside an aggregation (inside `mean(...)` only columns of the dataset can be used).',
  KPI034: 'A column or a dataset used directly as a KPI value: write `mean(tickets.x)` or `count(tickets)`.',
  KPI040: "A threshold whose comparator points the other way from the target's (or from the stated `direction`): `target >= 80%` with `warn <= 70%`.",
  KPI041: 'For higher-is-better KPIs `critical <= warn <= target` must hold; for lower-is-better `critical >= warn >= target`.',
  KPI042: 'Two `target` (or `warn`, `critical`) lines for the same segment.',
  KPI043: 'On a percent KPI every quantity (thresholds, score anchors) needs `%`: `target >= 85%`, not `target >= 85` or `target >= 0.85`. The quick fix adds it.',
  KPI044: 'A `warn` or `critical` level without a `target` (for that segment or in general).',
  KPI045: 'A KPI without `value`, or an index component without `weight`.',
  KPI050: 'The weights of an index must add up to 100% (within 1e-9), written as percents or fractions; a weight above 1 without `%` is reported too. The quick fix rescales the weights proportionally.',
  KPI051: 'A component whose unit is not a percent or a score (an NPS in points, a time in minutes) must be mapped to 0-100: `nps weight 15% score -100 -> 0, 100 -> 100`. The quick fix inserts a mapping to edit.',
  KPI052: 'Fewer than two anchors, two anchors at the same value, or a score outside 0..100.',
  KPI053: 'The same KPI or index appears twice in one index.',
  KPI054: '', // the docs have no text beyond the title
  KPI060: "A KPI or index that depends on itself, directly or through others. Every reference on the cycle is reported with the cycle's path.",
  KPI070: 'An unknown period (use `day`, `week`, `month`, `quarter`), a measure-level breakdown over a dataset the measure does not read, or a second file-level `trend by` (warning: only the first applies).',
  KPI080: 'The `from "..."` file does not exist (relative to the `.kpi` file).',
  KPI081: 'A `from` path that leaves the workspace root through `..` or a symbolic link. Paths written in `.kpi` files may come from a pull request, so they must stay inside. (`kpi eval --data NAME=PATH` may point anywhere.)',
  KPI082: 'The file cannot be read (permissions, a folder), a JSON file is not valid JSON (with the line), or the file is a Git LFS pointer (a small text file starting `version https://git-lfs.github.com/spec/`) that a clone without `git lfs` left in place of the data: `git lfs pull` fetches it.',
  KPI083: "A declared column is not in the file's header (CSV) or keys (JSON). Its values count as missing. The message suggests an undeclared file column with a close name.",
  KPI084: 'Rows whose values break the declared types, ranges, allowed values, required columns or keys. They are counted, left out of every aggregation, and the first ones are listed with their file line.',
  KPI085: "The data file has a column the dataset does not declare. The quick fix declares it, with the type the file's first rows support.",
  KPI086: 'The `from` file is not `.csv`, `.json`, `.jsonl` or `.ndjson`.',
  KPI087:
    "A trend's date column spans more than 5,000 periods, usually because of a mistyped year (`2205-03-14` for `2025-03-14`). "
    + 'Only the latest 5,000 periods are evaluated and shown; rows in earlier periods are left out of the trend and still count everywhere else. '
    + 'The message names the first and last periods.',
};
