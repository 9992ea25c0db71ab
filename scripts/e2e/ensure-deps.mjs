#!/usr/bin/env node
// Installs what the end-to-end tests need to run a real VS Code here (see
// shared design note "vscode-e2e"): Debian's chromium and ripgrep, and the npm
// package code-server (VS Code's own server) in .vscode-test/code-server.
//
// Invariants:
// - Idempotent and cheap when warm: apt is only touched when a tool is missing;
//   code-server is skipped when its completion marker holds this version.
// - The marker is written last, only after every step succeeded, so a run that
//   was interrupted half-way starts the install again from scratch.
// - code-server's own postinstall downloads binaries (ripgrep) and insists on
//   npm's unsafe-perm as root, so it is installed with --ignore-scripts and its
//   postinstall steps are done here by hand, in the same order.
// Output: one short line per step; a failing step prints the tail of its output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const installDir = join(root, '.vscode-test', 'code-server');
const markerFile = join(installDir, '.kpi-install-complete');
const chromiumPath = process.env.KPI_E2E_CHROMIUM ?? '/usr/bin/chromium';

function say(line) {
  process.stdout.write(`e2e deps: ${line}\n`);
}

class StepFailed extends Error {}

/** Runs a command quietly; on failure shows the last lines of its output and stops. */
function run(label, command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
    const why = result.error ? result.error.message : `exit code ${result.status}`;
    throw new StepFailed(`${label} failed (${why}) after ${seconds}s\n${output}`);
  }
  say(`${label} (${seconds}s)`);
}

function onPath(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** apt-get as root, or through sudo when that works without a password. */
function aptGet(label, args) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (isRoot()) return run(label, 'apt-get', args, { env });
  if (onPath('sudo')) return run(label, 'sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  throw new StepFailed(`${label}: not root and no sudo; install these Debian packages yourself: ${args.slice(2).join(' ')}`);
}

function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!onPath('rg')) missing.push('ripgrep');
  // node-gyp rebuilds code-server's native modules.
  if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
  if (!onPath('python3')) missing.push('python3');
  if (missing.length === 0) {
    say('chromium, ripgrep and a C++ toolchain are present');
    return;
  }
  say(`installing Debian packages: ${missing.join(' ')}`);
  aptGet('apt-get update', ['update']);
  aptGet(`apt-get install ${missing.join(' ')}`, ['install', '-y', ...missing]);
}

/** A symlink at `linkPath` to `target` (kept as written), replacing whatever was there. */
function link(target, linkPath) {
  try {
    lstatSync(linkPath);
    rmSync(linkPath, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  mkdirSync(dirname(linkPath), { recursive: true });
  symlinkSync(target, linkPath);
}

function whichRipgrep() {
  const found = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  return found.stdout.trim();
}

function ensureCodeServer() {
  if (existsSync(markerFile) && readFileSync(markerFile, 'utf8').trim() === CODE_SERVER_VERSION) {
    say(`code-server ${CODE_SERVER_VERSION} already installed in ${relative(root, installDir)}`);
    return;
  }
  const started = Date.now();
  say(`installing code-server ${CODE_SERVER_VERSION} into ${relative(root, installDir)} (about a minute)`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'kpi-e2e-code-server', private: true }, null, 2));

  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  run(`npm install code-server@${CODE_SERVER_VERSION}`, npm,
    ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: installDir });
  run('rebuild argon2', npm, ['rebuild', 'argon2'], { cwd: installDir });

  const pkg = join(installDir, 'node_modules', 'code-server');
  const vscodeDir = join(pkg, 'lib', 'vscode');
  run('install VS Code server dependencies', npm,
    ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscodeDir });
  // kerberos is left out on purpose: only needed for proxy authentication.
  run('rebuild native modules', npm,
    ['rebuild', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'],
    { cwd: vscodeDir, env: { npm_config_yes: 'true' } });

  const rg = whichRipgrep();
  if (!rg) throw new StepFailed('ripgrep (rg) is not on PATH after installing it');
  link(rg, join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  say('linked ripgrep, node_modules.asar and the helper scripts');

  run('install built-in extension dependencies', npm,
    ['install', '--omit=dev', ...quiet], { cwd: join(vscodeDir, 'extensions') });

  writeFileSync(markerFile, `${CODE_SERVER_VERSION}\n`);
  say(`code-server ready (${((Date.now() - started) / 1000).toFixed(0)}s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureSystemPackages();
    ensureCodeServer();
  } catch (error) {
    process.stderr.write(`e2e deps: ${error instanceof StepFailed ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
