import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store';

describe('SettingsStore', () => {
  it('starts with defaults and keeps what was set across instances', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const a = new SettingsStore(dir);
    expect(a.get().page).toBe('dashboard');
    a.set({ page: 'frames' });
    expect(new SettingsStore(dir).get().page).toBe('frames');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).page).toBe('frames');
  });

  it('falls back to defaults on a corrupt file, keeps it aside and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const logs: string[] = [];
    const told: string[] = [];
    const s = new SettingsStore(
      dir,
      (m) => logs.push(m),
      (m) => told.push(m),
    );
    expect(s.get().page).toBe('dashboard');
    expect(logs.join()).toMatch(/settings\.json could not be used \(it is not valid JSON\)/);
    expect(told).toEqual(logs);
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'))).toHaveLength(1);
  });

  it('resets an unknown page alone, keeping the broker URL, login and remote-command list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const mqtt = { url: 'mqtt://broker.lab:1883', username: 'ana', password: 'pw', remoteCommands: ['b1'] };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ page: 'lab-v2', railCollapsed: true, mqtt }));
    const told: string[] = [];
    const s = new SettingsStore(
      dir,
      () => {},
      (m) => told.push(m),
    );
    expect(s.get()).toMatchObject({ page: 'dashboard', railCollapsed: true, mqtt });
    expect(s.loaded.reset).toEqual(['page']);
    expect(told).toEqual([
      expect.stringMatching(
        /^settings\.json: the setting "page" had a value this version cannot use and was reset to the default; everything else was kept \(the file as it was is kept as settings\.json\.damaged-.*\)\.$/,
      ),
    ]);
  });

  it('keeps the file readable by its owner only (it holds the MQTT broker password)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const s = new SettingsStore(dir);
    s.set({ mqtt: { ...s.get().mqtt, password: 'pw' } });
    expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
    expect(new SettingsStore(dir).get().mqtt.password).toBe('pw');
  });
});
