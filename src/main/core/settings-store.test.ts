import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

  it('falls back to defaults on a corrupt file and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const logs: string[] = [];
    expect(new SettingsStore(dir, (m) => logs.push(m)).get().page).toBe('dashboard');
    expect(logs.join()).toMatch(/unreadable/);
  });

  it('drops invalid values instead of trusting the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ page: 'nowhere' }));
    expect(new SettingsStore(dir, () => {}).get().page).toBe('dashboard');
  });

  it('keeps the file readable by its owner only (it holds the MQTT broker password)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const s = new SettingsStore(dir);
    s.set({ mqtt: { ...s.get().mqtt, password: 'pw' } });
    expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
    expect(new SettingsStore(dir).get().mqtt.password).toBe('pw');
  });
});
