import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/bridge/contract';
import { createBench } from './bench';
import { MAX_ERROR_CHARS } from './dispatch-words';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function bench() {
  return createBench({
    connectOnStart: false,
    configDir: mkdtempSync(join(tmpdir(), 'dispatch-')),
    identity: { name: 'Test', version: '1.2.3', platform: 'linux' },
    heartbeatMs: 0,
    log: () => {},
  });
}

describe('dispatcher', () => {
  it('answers a valid command with its value and the transport of the call', async () => {
    const b = await bench();
    const r = await b.dispatch('app:info', {}, { transport: 'electron' });
    expect(r).toMatchObject({ ok: true, value: { name: 'Test', version: '1.2.3', transport: 'electron' } });
  });

  it('refuses an unknown command as a value, not an exception', async () => {
    const b = await bench();
    expect(await b.dispatch('app:format-disk', {}, { transport: 'browser' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    expect(await b.dispatch(42, {}, { transport: 'browser' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    expect(await b.dispatch('__proto__', {}, { transport: 'browser' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
  });

  it('gives BAD_REQUEST for a request of the wrong shape, before any handler runs', async () => {
    const b = await bench();
    for (const bad of [
      { page: 'nowhere' },
      { page: 5 },
      { railCollapsed: 'yes' },
      { extra: true },
      'text',
      [1],
    ]) {
      const r = await b.dispatch('settings:set', bad, { transport: 'browser' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_REQUEST');
        expect(r.error.message).toMatch(/settings:set/);
      }
    }
    const unchanged = await b.dispatch('settings:get', {}, { transport: 'browser' });
    expect(unchanged).toMatchObject({ ok: true, value: { page: 'dashboard' } });
  });

  it('persists settings and emits the change', async () => {
    const b = await bench();
    const seen: unknown[] = [];
    b.hub.on('settings:changed', (s) => seen.push(s.page));
    expect(await b.dispatch('settings:set', { page: 'memory' }, { transport: 'browser' })).toMatchObject({
      ok: true,
    });
    expect(seen).toEqual(['memory']);
  });

  it('changes only the settings a request names: the page does not reset the rail or the units', async () => {
    const b = await bench();
    const at = { transport: 'browser' } as const;
    await b.dispatch('settings:set', { railCollapsed: true }, at);
    await b.dispatch('settings:set', { telemetryUnits: { vbat: 'V' } }, at);
    expect(await b.dispatch('settings:set', { page: 'files' }, at)).toMatchObject({
      ok: true,
      value: { page: 'files', railCollapsed: true, telemetryUnits: { vbat: 'V' } },
    });
  });

  it('leaves the focused board to its one owner: settings:set and links:select cannot move it', async () => {
    const b = await bench();
    const at = { transport: 'browser' } as const;
    const viaSettings = await b.dispatch('settings:set', { selectedBoard: 'lab-1' }, at);
    expect(viaSettings).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const viaLinks = await b.dispatch('links:select', { id: 'virtual' }, at);
    expect(viaLinks).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('refuses a request of 40,000 unknown fields or a 1 MB key in a short message, in words (bridge fuzz)', async () => {
    const b = await bench();
    const at = { transport: 'browser' } as const;
    const many = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]));
    const wide = await b.dispatch('app:info', many, at);
    expect(wide).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Request for app:info is not valid: the request has no field named "k0", "k1", "k2" (and 39997 more unknown fields).',
      },
    });
    const long = await b.dispatch('files:list', { path: '/', ['x'.repeat(1024 * 1024)]: 1 }, at);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    const missing = await b.dispatch('files:list', {}, at);
    expect(missing).toMatchObject({
      error: { message: 'Request for files:list is not valid: path is missing.' },
    });
  });

  it('answers a command name that is no text without calling its toString or walking it (bridge fuzz)', async () => {
    const b = await bench();
    const at = { transport: 'browser' } as const;
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    for (const [name, kind] of [
      [{ toString: 1 }, 'object'],
      [deep, 'a list'],
      [null, 'null'],
    ] as const) {
      expect(await b.dispatch(name, {}, at)).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_COMMAND', message: `A command name is text; this one was ${kind}.` },
      });
    }
  });

  it('answers every command with a Result for values only Electron IPC carries (NaN, BigInt, Map, Date)', async () => {
    const b = await bench();
    const at = { transport: 'electron' } as const;
    const odd: unknown[] = [NaN, -Infinity, 1n, new Map([['path', '/']]), new Date(0), new Uint8Array(4)];
    for (const name of Object.keys(commands)) {
      for (const v of odd) {
        // A Map or a Date has no own fields: a command whose fields are all optional takes it as {} (harmless).
        for (const request of [v, { path: v, boardId: v, id: v, name: v }]) {
          const r = await b.dispatch(name, request, at);
          if (!r.ok) expect(r.error.message.length, name).toBeLessThanOrEqual(MAX_ERROR_CHARS);
          if (!r.ok) expect(r.error.code, `${name}: ${r.error.message}`).not.toBe('INTERNAL');
        }
      }
    }
    await b.close();
  });
});
