/**
 * Settings parsing: `null`, missing and wrong values fall back to defaults
 * field by field (Neovim and Helix answer `workspace/configuration` with null).
 */

import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/lsp/settings';

describe('server: settings', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_SETTINGS, {
      evaluation: { enabled: true, maxRows: 200_000 },
      inlayHints: { enabled: true },
      compare: { base: 'auto' },
      trace: { server: 'off' },
    });
  });

  for (const raw of [null, undefined, 42, 'kpi', [], {}]) {
    it(`reads ${JSON.stringify(raw) ?? 'undefined'} as the defaults`, () => {
      assert.deepEqual(parseSettings(raw), DEFAULT_SETTINGS);
    });
  }

  it('keeps valid values and replaces only the invalid ones', () => {
    assert.deepEqual(parseSettings({
      evaluation: { enabled: false, maxRows: -5 },
      inlayHints: null,
      compare: { base: 'origin/develop' },
      trace: { server: 'verbose' },
    }), {
      evaluation: { enabled: false, maxRows: 200_000 },
      inlayHints: { enabled: true },
      compare: { base: 'origin/develop' },
      trace: { server: 'verbose' },
    });
    assert.equal(parseSettings({ compare: { base: 42 } }).compare.base, 'auto');
    assert.equal(parseSettings({ evaluation: { maxRows: 1.5 } }).evaluation.maxRows, 200_000);
    assert.equal(parseSettings({ trace: { server: 'loud' } }).trace.server, 'off');
  });
});
