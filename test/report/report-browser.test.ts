/**
 * The report in a real browser: `kpi report` on the after-sales sample, the
 * page opened in headless Chromium (Debian's, driven by playwright-core).
 * Every request is intercepted and recorded: the file itself must be the only
 * one. Console errors (CSP violations among them) and page errors fail the
 * test. Each chart slot must hold a drawn, non-empty canvas whose series,
 * categories and "no data" gaps match the embedded result. A result full of
 * hostile names renders as text: no dialog, no element from it.
 *
 * Takes a screenshot of the top of the page; KPI_REPORT_SCREENSHOT=<path>
 * keeps it (docs/images/report.png is made that way), else it goes to a
 * temporary folder. Fails, never skips, when Chromium is missing
 * (KPI_E2E_CHROMIUM names another binary).
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ScorecardResultSchema, type ScorecardResult } from '../../grammar/results/schema';
import { renderReport } from '../../server/report/render';
import { makeTemp, removeTemp, runKpi } from '../cli/run-kpi';
import { HOSTILE, hostileResult } from './hostile-result';

const CHROMIUM = process.env.KPI_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const SAMPLE = 'samples/after-sales/after-sales.kpi';

/** The parts of a DOM element these tests read (the test project has no DOM types). */
interface SlotElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): CanvasElement | null;
}

interface CanvasElement {
  width: number;
  height: number;
  getBoundingClientRect(): { width: number; height: number };
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}

interface DrawnSlot {
  key: string;
  drawn: string | null;
  series: string | null;
  points: string | null;
  gaps: string | null;
  cssWidth: number;
  cssHeight: number;
  inkedPixels: number;
}

/** What each chart slot must show, by `kind:measure[:breakdown]`, from the result. */
function expectedSlots(result: ScorecardResult): Map<string, { series: number; points: number; gaps: number }> {
  const expected = new Map<string, { series: number; points: number; gaps: number }>();
  const gapsOf = (values: Array<number | null>) => values.filter((value) => value === null).length;
  for (const measure of result.measures) {
    if (measure.trend && measure.trend.periods.length > 0) {
      const values = measure.trend.periods.map((period) => period.value);
      expected.set(`trend:${measure.name}`, { series: 1, points: values.length, gaps: gapsOf(values) });
    }
    measure.breakdowns.forEach((breakdown, index) => {
      const values = breakdown.segments.map((segment) => segment.value);
      expected.set(`breakdown:${measure.name}:${index}`, { series: 1, points: values.length, gaps: gapsOf(values) });
    });
    if (measure.kind === 'index' && measure.components) {
      const contributions = measure.components.map((component) => component.contribution);
      expected.set(`contributions:${measure.name}`, { series: contributions.length, points: 1, gaps: gapsOf(contributions) });
    }
  }
  return expected;
}

function embeddedResult(html: string): ScorecardResult {
  const block = /<script type="application\/json" id="kpi-result">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(block, 'no result data block in the page');
  return ScorecardResultSchema.parse(JSON.parse(block[1]));
}

describe('kpi report in a browser', function () {
  // Starts kpi and Chromium: seconds on an idle machine, many more on a loaded CI runner.
  this.timeout(60_000);
  let temp = '';
  let reportUrl = '';
  let result: ScorecardResult;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium or set KPI_E2E_CHROMIUM`);
    temp = makeTemp();
    const file = path.join(temp, 'report.html');
    const run = runKpi(['report', SAMPLE, '-o', file]);
    assert.equal(run.status, 0, run.stderr);
    result = embeddedResult(fs.readFileSync(file, 'utf8'));
    reportUrl = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  after(async () => {
    await browser?.close();
    removeTemp(temp);
  });

  /** Opens the report recording every request and every console error or page error. */
  async function open(options: { colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean } = {}, url?: string) {
    assert.ok(browser);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.continue();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(url ?? reportUrl);
    return { page, requests, problems };
  }

  /** Waits for the app to finish; a blocked or failing script shows in `problems`. */
  async function waitForCharts(page: Page, problems: readonly string[]): Promise<void> {
    try {
      await page.waitForSelector('html[data-report-ready], html[data-report-error]', { timeout: 15_000 });
    } catch {
      assert.fail(`the charts were never drawn; ${problems.join('; ') || 'no console message'}`);
    }
    assert.equal(await page.getAttribute('html', 'data-report-error'), null);
  }

  async function drawnSlots(page: Page): Promise<DrawnSlot[]> {
    return page.locator('figure[data-chart]').evaluateAll((figures: SlotElement[]) => figures.map((figure) => {
      const canvas = figure.querySelector('canvas');
      const box = canvas?.getBoundingClientRect();
      const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      // Every 4th byte is alpha: count the pixels something was drawn on.
      if (pixels) for (let at = 3; at < pixels.length; at += 4) if (pixels[at] > 0) inked += 1;
      const breakdown = figure.getAttribute('data-breakdown');
      return {
        key: [figure.getAttribute('data-chart'), figure.getAttribute('data-measure'), ...(breakdown === null ? [] : [breakdown])].join(':'),
        drawn: figure.getAttribute('data-drawn'),
        series: figure.getAttribute('data-series'),
        points: figure.getAttribute('data-points'),
        gaps: figure.getAttribute('data-gaps'),
        cssWidth: box?.width ?? 0,
        cssHeight: box?.height ?? 0,
        inkedPixels: inked,
      };
    }));
  }

  it('draws every chart without a request, an error or a CSP violation', async () => {
    const { page, requests, problems } = await open();
    await waitForCharts(page, problems);
    assert.deepEqual(requests, [reportUrl]);
    assert.deepEqual(problems, []);

    const expected = expectedSlots(result);
    const slots = await drawnSlots(page);
    assert.deepEqual(slots.map((slot) => slot.key).sort(), [...expected.keys()].sort());
    assert.equal(slots.filter((slot) => slot.key.startsWith('trend:')).length, result.measures.filter((m) => m.trend).length);
    for (const slot of slots) {
      const want = expected.get(slot.key);
      assert.ok(want);
      assert.deepEqual(
        { drawn: slot.drawn, series: slot.series, points: slot.points, gaps: slot.gaps },
        { drawn: 'true', series: String(want.series), points: String(want.points), gaps: String(want.gaps) },
        slot.key,
      );
      assert.ok(slot.cssWidth > 100 && slot.cssHeight > 60, `${slot.key} canvas is ${slot.cssWidth}x${slot.cssHeight}`);
      assert.ok(slot.inkedPixels > 500, `${slot.key} canvas is blank`);
    }
    // Drawn charts fold their tables away.
    assert.equal(await page.locator('figure[data-chart] details[open]').count(), 0);

    const screenshot = process.env.KPI_REPORT_SCREENSHOT ?? path.join(temp, 'report.png');
    await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1280, height: 1400 }, fullPage: true });
    assert.ok(fs.statSync(screenshot).size > 20_000, 'the screenshot is suspiciously small');
    assert.deepEqual(requests, [reportUrl], 'no request after drawing either');
  });

  it('keeps hostile names as text: nothing runs, the charts still draw', async () => {
    const file = path.join(temp, 'hostile.html');
    const title = `Report ${HOSTILE}`;
    fs.writeFileSync(file, renderReport(hostileResult(), { title }));
    const { page, requests, problems } = await open({}, pathToFileURL(file).href);
    await waitForCharts(page, problems);
    assert.equal(await page.locator('h1').textContent(), title);
    assert.equal(await page.locator('img, iframe').count(), 0);
    assert.equal((await drawnSlots(page)).filter((slot) => slot.drawn !== 'true').length, 0);
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(problems, []);
  });

  it('reads without JavaScript: every table open, no canvas', async () => {
    const { page, requests, problems } = await open({ javaScriptEnabled: false });
    const figures = await page.locator('figure[data-chart]').count();
    assert.equal(figures, expectedSlots(result).size);
    assert.equal(await page.locator('figure[data-chart] details[open] table').count(), figures);
    assert.equal(await page.locator('canvas').count(), 0);
    assert.equal(await page.locator('table.kpis tbody tr').count(), result.measures.length);
    assert.ok(await page.locator('table.kpis').isVisible());
    assert.deepEqual(requests, [reportUrl]);
    assert.deepEqual(problems, []);
  });

  it('follows the viewer\'s dark preference with the auto theme', async () => {
    // Colors are the stylesheet's alone: no need to draw the charts again.
    const dark = await open({ colorScheme: 'dark', javaScriptEnabled: false });
    assert.equal(await dark.page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(13, 17, 23)');
    const light = await open({ colorScheme: 'light', javaScriptEnabled: false });
    assert.equal(await light.page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(255, 255, 255)');
    assert.deepEqual([...dark.problems, ...light.problems], []);
  });

  it('in a webview, repaints its charts when the editor theme changes', async () => {
    const file = path.join(temp, 'webview.html');
    fs.writeFileSync(file, renderReport(result, { forWebview: true, cspNonce: 'bm9uY2UtZm9yLXRoZS10ZXN0' }));
    const { page, problems } = await open({}, pathToFileURL(file).href);
    await waitForCharts(page, problems);
    // What VS Code does on a theme change: new --vscode-* values on <html>.
    await page.evaluate(`(() => {
      const style = document.documentElement.style;
      style.setProperty('--vscode-editor-background', 'rgb(250, 250, 250)');
      style.setProperty('--vscode-charts-blue', 'rgb(255, 0, 255)');
    })()`);
    await page.waitForSelector('html[data-report-recolored]', { timeout: 5_000 });
    assert.equal(await page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(250, 250, 250)');
    // The first component of the headline index is drawn in --series-1, i.e. the new charts blue.
    const magenta = await page.evaluate(`(() => {
      const canvas = document.querySelector('figure[data-chart="contributions"] canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let at = 0; at < data.length; at += 4) if (data[at] === 255 && data[at + 1] === 0 && data[at + 2] === 255) count += 1;
      return count;
    })()`);
    assert.ok(Number(magenta) > 100, `the contributions chart was not repainted (${String(magenta)} magenta pixels)`);
    assert.deepEqual(problems, []);
  });
});
