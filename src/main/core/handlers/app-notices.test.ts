import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBench, type Bench } from '../bench';

const open: Bench[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function benchOn(files: Record<string, string>): Promise<Bench> {
  const configDir = mkdtempSync(join(tmpdir(), 'notices-'));
  dirs.push(configDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(configDir, name), text);
  const b = await createBench({
    connectOnStart: false,
    configDir,
    identity: { name: 'Test', version: '1', platform: 'linux' },
    heartbeatMs: 0,
    log: () => {},
  });
  open.push(b);
  return b;
}

describe('app:notices', () => {
  it('tells once which setting was reset, and the rest of the settings are kept', async () => {
    const mqtt = { url: 'mqtt://broker.lab:1883', username: 'ana', remoteCommands: ['b1'] };
    const b = await benchOn({ 'settings.json': JSON.stringify({ page: 'lab-v2', mqtt }) });
    const first = await b.dispatch('app:notices', {}, { transport: 'browser' });
    expect(first).toMatchObject({
      ok: true,
      value: [expect.stringMatching(/^settings\.json: the setting "page" .* reset to the default/)],
    });
    expect(await b.dispatch('app:notices', {}, { transport: 'browser' })).toEqual({ ok: true, value: [] });
    expect(await b.dispatch('settings:get', {}, { transport: 'browser' })).toMatchObject({
      ok: true,
      value: { page: 'dashboard', mqtt },
    });
  });

  it('says that a damaged boards file was kept aside', async () => {
    const b = await benchOn({ 'profiles.json': '{"version":1,' });
    const r = await b.dispatch('app:notices', {}, { transport: 'browser' });
    expect(r).toMatchObject({
      ok: true,
      value: [expect.stringMatching(/^profiles\.json could not be used .* kept as profiles\.json\.damaged-/)],
    });
  });
});
