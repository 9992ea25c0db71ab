#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests
// starts: it takes the same command line (a workspace folder,
// --extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, ...),
// runs VS Code's own server (code-server, installed by ensure-deps.mjs) with
// throwaway profile folders, opens the workbench in headless Chromium with the
// extension-development payload, relays the test log and exits with the code
// the extension tests reported.
//
// Invariants:
// - Everything it starts (code-server, Chromium) and every temp folder it makes
//   is gone when it exits, whatever the outcome (success, failure, timeout, signal).
// - The exit code is the tests' own; 1 when they never reported one (timeout,
//   crash); 2 when the command line or the installation is wrong.
// - Screenshots for the docs: when KPI_E2E_SCREENSHOT=<png path> is set, the
//   tests may POST {"waitForText": "..."} to $KPI_E2E_CONTROL_URL/screenshot; the
//   answer comes after the PNG is written (see test/e2e/suite/screenshot.ts).
//
// Environment: KPI_E2E_TIMEOUT_MS (whole run, default 300000),
// KPI_E2E_CHROMIUM (default /usr/bin/chromium), KPI_E2E_VERBOSE=1 (relay
// code-server's own output as it comes; otherwise it is shown only on failure).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const root = path.resolve(__dirname, '..', '..');
const codeServerEntry = path.join(root, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.KPI_E2E_CHROMIUM || '/usr/bin/chromium';
const timeoutMs = Number(process.env.KPI_E2E_TIMEOUT_MS || 300000);
const verbose = process.env.KPI_E2E_VERBOSE === '1';
const screenshotPath = process.env.KPI_E2E_SCREENSHOT || '';
const chromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

// The workbench's own start-up log lines: left out unless KPI_E2E_VERBOSE=1.
const WORKBENCH_CHATTER = [
  /^Resolving connection token/, /^Resolved connection token/, /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/, /^ChatSessionStore:/,
];

function log(line) {
  process.stdout.write(`[launcher] ${line}\n`);
}

class UsageError extends Error {}

/** The parts of a VS Code command line this launcher honours. */
function parseArgs(argv) {
  const options = { developmentPaths: [], testsPath: undefined, target: undefined };
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      if (options.target) throw new UsageError(`only one folder or workspace can be opened, got ${options.target} and ${arg}`);
      options.target = path.resolve(arg);
      continue;
    }
    const [, name, value] = match;
    if (name === 'extensionDevelopmentPath' && value) options.developmentPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath' && value) options.testsPath = path.resolve(value);
    // Everything else (--user-data-dir, --extensions-dir, --disable-updates, ...)
    // is replaced by throwaway folders and fixed flags below.
  }
  if (options.developmentPaths.length === 0) throw new UsageError('missing --extensionDevelopmentPath=');
  if (!options.testsPath) throw new UsageError('missing --extensionTestsPath=');
  return options;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `check` does, retrying until `deadline`; no fixed sleeps beyond the poll step. */
async function until(description, deadline, check) {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function httpOk(url) {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}

function workbenchUrl(port, options) {
  const authority = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ...options.developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(options.testsPath)],
  ];
  const query = new URLSearchParams();
  if (options.target) {
    const isWorkspaceFile = options.target.endsWith('.code-workspace');
    query.set(isWorkspaceFile ? 'workspace' : 'folder', options.target);
  } else {
    query.set('ew', 'true');
  }
  query.set('payload', JSON.stringify(payload));
  return `http://${authority}/?${query.toString()}`;
}

/** Settings for the throwaway profile: quiet start, hints always on. */
function writeUserSettings(userDataDir) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'editor.inlayHints.enabled': 'on',
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** The control endpoint the tests reach from the extension host (same machine). */
function startControlServer(takeScreenshot) {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', async () => {
      if (request.method !== 'POST' || request.url !== '/screenshot') {
        response.writeHead(404).end('unknown request');
        return;
      }
      try {
        const { waitForText } = body ? JSON.parse(body) : {};
        const written = await takeScreenshot(typeof waitForText === 'string' ? waitForText : undefined);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: written }));
      } catch (error) {
        response.writeHead(500).end(String(error && error.message ? error.message : error));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(codeServerEntry)) {
    throw new UsageError('code-server is not installed; run `node scripts/e2e/ensure-deps.mjs` first');
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new UsageError(`no Chromium at ${chromiumPath}; run \`node scripts/e2e/ensure-deps.mjs\` first`);
  }
  // Required lazily so a usage error above does not need the dev dependency.
  const { chromium } = require('playwright-core');

  const started = Date.now();
  const deadline = started + timeoutMs;
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-vscode-'));
  cleanups.push(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

  let exitCode = 1;
  let serverOutput = '';
  try {
    const userDataDir = path.join(tempRoot, 'user-data');
    const extensionsDir = path.join(tempRoot, 'extensions');
    const configHome = path.join(tempRoot, 'config');
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.mkdirSync(configHome, { recursive: true });
    writeUserSettings(userDataDir);
    const configFile = path.join(tempRoot, 'code-server.yaml');
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

    // Screenshots are taken by the page below; the control server only exists when asked for.
    let page;
    let control;
    if (screenshotPath) {
      control = await startControlServer(async (waitForText) => {
        if (!page) throw new Error('the workbench is not open yet');
        if (waitForText) {
          await page.locator('.monaco-editor .view-lines', { hasText: waitForText }).first()
            .waitFor({ state: 'visible', timeout: 15000 });
        }
        // Two frames so decorations that just arrived are painted.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        fs.mkdirSync(path.dirname(path.resolve(screenshotPath)), { recursive: true });
        const partial = `${screenshotPath}.partial.png`;
        await page.screenshot({ path: partial });
        fs.renameSync(partial, screenshotPath);
        log(`screenshot written to ${screenshotPath}`);
        return screenshotPath;
      });
      cleanups.push(() => new Promise((resolve) => control.close(() => resolve())));
    }

    const port = await freePort();
    const env = {
      ...process.env,
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: configHome,
      // Not a VS Code started from a terminal of another VS Code.
      VSCODE_IPC_HOOK_CLI: '',
    };
    if (control) env.KPI_E2E_CONTROL_URL = `http://127.0.0.1:${control.address().port}`;
    const server = spawn(process.execPath, [
      codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--config', configFile,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let serverExited = null;
    server.on('exit', (code, signal) => { serverExited = signal || code; });
    const keep = (chunk) => {
      const text = chunk.toString();
      if (verbose) process.stdout.write(text);
      serverOutput = (serverOutput + text).slice(-20000);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    cleanups.push(() => stopProcessGroup(server));

    await until('code-server to listen', Math.min(deadline, Date.now() + 60000), async () => {
      if (serverExited !== null) throw new Error(`code-server exited early (${serverExited})`);
      return httpOk(`http://127.0.0.1:${port}/healthz`);
    });
    log(`code-server ${port} up after ${((Date.now() - started) / 1000).toFixed(1)}s`);

    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();

    let reportExit;
    const reported = new Promise((resolve) => { reportExit = resolve; });
    let reportCrash;
    const crashed = new Promise((_, reject) => { reportCrash = reject; });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // Arguments as given to console.log in the extension host (mocha passes format strings).
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    page.on('pageerror', (error) => { if (verbose) log(`page error: ${error.message}`); });
    page.on('crash', () => reportCrash(new Error('the workbench page crashed')));

    // Only until the page is there: the workbench's own loading is covered by the run's deadline.
    await page.goto(workbenchUrl(port, options), { waitUntil: 'commit', timeout: Math.max(1000, deadline - Date.now()) });
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result from the tests within ${timeoutMs / 1000}s`)), Math.max(0, deadline - Date.now()));
    });
    const serverDied = new Promise((_, reject) => {
      server.on('exit', () => reject(new Error(`code-server exited during the run (${serverExited})`)));
    });
    try {
      exitCode = await Promise.race([reported, crashed, timedOut, serverDied]);
    } finally {
      clearTimeout(timer);
    }
    log(`tests reported exit code ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (error) {
    exitCode = 1;
    log(`error: ${error && error.message ? error.message : error}`);
    if (!verbose && serverOutput) process.stderr.write(`--- code-server output (last lines) ---\n${serverOutput}\n`);
  } finally {
    await cleanup();
  }
  return exitCode;
}

/** Ends code-server and everything it started (extension host, language server). */
function stopProcessGroup(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

// Undo steps, last first; run by main() on the way out or by a signal.
const cleanups = [];
async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (error) {
      log(`cleanup: ${error && error.message ? error.message : error}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`code-server-launcher: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`code-server-launcher: ${error && error.message ? error.message : error}\n`);
    process.exit(1);
  },
);
