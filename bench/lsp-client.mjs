/**
 * A minimal LSP client for the editor benchmark: starts `node bin/kpi.js lsp
 * --stdio`, speaks JSON-RPC over its stdin/stdout (vscode-jsonrpc), and lets
 * the benchmark wait for a notification that matches a predicate.
 *
 * The client declares only what the benchmark needs: versioned diagnostics,
 * inlay hints and completion, and no workspace configuration (so the server
 * never asks for settings: they come as initializationOptions). Requests the
 * server sends anyway (e.g. registrations) are answered with null.
 * Options: `cpuProfileDir` starts the server under `node --cpu-prof`;
 * `server` runs another build of the CLI (a script path) instead of bin/kpi.js.
 */

import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { ROOT } from './datasets.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class LspClient {
  constructor({ cpuProfileDir, server } = {}) {
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    this.child = spawn(process.execPath, [...profile, server ?? path.join(ROOT, 'bin', 'kpi.js'), 'lsp', '--stdio'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.log = [];
    this.connection.onNotification((method, params) => {
      if (method === 'window/logMessage' && params?.type === 1) this.log.push(params.message);
      const now = performance.now();
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.method !== method || !waiter.matches(params)) return true;
        clearTimeout(waiter.timer);
        waiter.resolve({ params, at: now });
        return false;
      });
    });
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /**
   * Resolves with `{ params, at }` (at: performance.now() on arrival) for the
   * next `method` notification whose params satisfy `matches`. Register
   * before sending what triggers it.
   */
  next(method, matches = () => true, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const waiter = { method, matches, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${method} within ${timeoutMs} ms${this.stderr ? `; server stderr: ${this.stderr.slice(-500)}` : ''}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async initialize(folder, initializationOptions) {
    const uri = pathToFileURL(folder).href;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      initializationOptions,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          inlayHint: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true } },
        },
        workspace: {},
      },
    });
    await this.notify('initialized', {});
    return result;
  }

  async close() {
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      // the server may already be gone
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
