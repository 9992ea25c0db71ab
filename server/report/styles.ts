/**
 * The report's stylesheet, inlined into its one `<style>` element.
 *
 * Every color is a CSS variable set per theme on `<html data-theme>`:
 * `light`, `dark`, `auto` (light, dark under prefers-color-scheme: dark) and
 * `vscode` (the webview: VS Code's own `--vscode-*` variables, which follow
 * the editor theme live, with fallbacks). The browser app reads the same
 * variables to color its charts, so the charts change theme with the page.
 *
 * No url(), no @import, no web font: the report makes no request.
 */

const LIGHT = `
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa;
  --accent: #0969da; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --crit: #82071e;
  --nodata: #818b98; --notarget: #0969da; --grid: #d1d9e080;
  --series-1: #0969da; --series-2: #bc4c00; --series-3: #1a7f37; --series-4: #8250df;
  --series-5: #bf8700; --series-6: #cf222e;`;

const DARK = `
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23;
  --accent: #4493f8; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --crit: #ff9492;
  --nodata: #656c76; --notarget: #4493f8; --grid: #3d444d80;
  --series-1: #4493f8; --series-2: #f0883e; --series-3: #3fb950; --series-4: #ab7df8;
  --series-5: #e3b341; --series-6: #f85149;`;

const VSCODE = `
  --bg: var(--vscode-editor-background, #1e1e1e);
  --fg: var(--vscode-editor-foreground, #d4d4d4);
  --muted: var(--vscode-descriptionForeground, #9d9d9d);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #80808059));
  --card: var(--vscode-editorWidget-background, var(--vscode-editor-background, #252526));
  --accent: var(--vscode-textLink-foreground, #3794ff);
  --ok: var(--vscode-testing-iconPassed, #73c991);
  --warn: var(--vscode-editorWarning-foreground, #cca700);
  --bad: var(--vscode-editorError-foreground, #f14c4c);
  --crit: var(--vscode-errorForeground, #f48771);
  --nodata: var(--vscode-disabledForeground, #808080);
  --notarget: var(--vscode-charts-blue, #3794ff);
  --grid: var(--vscode-editorRuler-foreground, #80808040);
  --series-1: var(--vscode-charts-blue, #3794ff); --series-2: var(--vscode-charts-orange, #d18616);
  --series-3: var(--vscode-charts-green, #89d185); --series-4: var(--vscode-charts-purple, #b180d7);
  --series-5: var(--vscode-charts-yellow, #cca700); --series-6: var(--vscode-charts-red, #f14c4c);
  --font: var(--vscode-font-family, system-ui, sans-serif);
  --font-size: var(--vscode-font-size, 13px);
  --mono: var(--vscode-editor-font-family, ui-monospace, monospace);`;

export const REPORT_CSS = `
:root, :root[data-theme="light"] { color-scheme: light; ${LIGHT} }
:root[data-theme="dark"] { color-scheme: dark; ${DARK} }
:root[data-theme="auto"] { color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root[data-theme="auto"] { ${DARK} } }
:root[data-theme="vscode"] { ${VSCODE} }
:root {
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --font-size: 14px;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
:root[data-theme="vscode"] { --font: var(--vscode-font-family, system-ui, sans-serif); }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 24px 32px 48px; background: var(--bg); color: var(--fg);
  font-family: var(--font); font-size: var(--font-size); line-height: 1.45;
}
main, header.report, footer { max-width: 1240px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 1.2em; margin: 32px 0 12px; font-weight: 600; }
h3 { font-size: 1.05em; margin: 0 0 4px; font-weight: 600; }
code, .name { font-family: var(--mono); font-size: 0.9em; }
.muted, .name { color: var(--muted); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.file { margin: 0 0 12px; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 16px 20px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: baseline; }
thead th { font-weight: 600; color: var(--muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; }
tbody th, tfoot th { font-weight: 500; }
td.num, th.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
.datasets { width: auto; margin-bottom: 4px; }
.problems li { margin: 2px 0; }
.problems .error { color: var(--bad); }
.problems .warning { color: var(--warn); }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; border: 1px solid currentColor;
  font-size: 0.85em; white-space: nowrap; line-height: 1.5; }
.status::before { content: "\\25CF"; margin-right: 4px; font-size: 0.8em; vertical-align: 1px; }
.status-on_target { color: var(--ok); }
.status-warning { color: var(--warn); }
.status-breach { color: var(--bad); }
.status-critical { color: var(--bg); background: var(--crit); border-color: var(--crit); }
.status-no_data { color: var(--nodata); }
.status-no_target { color: var(--notarget); }
.nodata { color: var(--nodata); font-style: italic; }
.better { color: var(--ok); }
.worse { color: var(--bad); }
.headline { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 12px 32px; margin-top: 20px; }
.headline .summary { grid-row: span 2; }
.headline h2 { margin: 0 0 2px; }
.headline .big { font-size: 3em; font-weight: 600; line-height: 1.1; margin: 4px 0 8px; }
.headline .targets { margin-top: 8px; color: var(--muted); }
.headline figure { grid-column: 2; }
@media (max-width: 760px) {
  .headline { grid-template-columns: 1fr; }
  .headline figure { grid-column: 1; }
}
.kind { font-size: 0.75em; border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; color: var(--muted);
  margin-left: 6px; vertical-align: 1px; }
.measure { margin: 0 0 16px; }
.measure header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin-bottom: 12px; }
.measure .value { font-size: 1.3em; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.chart-box { position: relative; width: 100%; height: 220px; margin-bottom: 4px; }
.chart-box.contributions { height: 130px; }
details > summary { cursor: pointer; color: var(--muted); font-size: 0.9em; margin: 2px 0 4px; }
details table { font-size: 0.92em; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.85em; color: var(--muted); margin: 8px 0 0; padding: 0; list-style: none; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@media print {
  body { padding: 0; }
  details > summary { display: none; }
  .measure { break-inside: avoid; }
}
`;
