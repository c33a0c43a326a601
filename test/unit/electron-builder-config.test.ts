// electron-builder.yml read and checked by electron-builder's own loader and schema (the pinned 26.17.0), so the
// fuses are keys it really knows and not a misspelling it would reject at `npm run dist` time.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

async function load() {
  return getConfig(root, resolve(root, 'electron-builder.yml'), null);
}

describe('packaging configuration', () => {
  it('sets the Electron fuses that lock down the packaged binary', async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  // Compiling electron-builder's schema takes 0.7 s on an idle machine and 6 s or more on a loaded one.
  it("passes electron-builder's schema, which rejects an unknown fuse", { timeout: 120_000 }, async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt as never, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('keeps the app in an asar archive, which onlyLoadAppFromAsar needs', async () => {
    const config = await load();
    expect(config.asar ?? true).not.toBe(false);
  });
});
