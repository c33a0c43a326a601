import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../event-hub';
import { SettingsStore } from '../settings-store';
import { MqttService } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('MqttService: a queue folder it cannot write', () => {
  it('tells the page why in words without the host path, and logs the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-words-'));
    dirs.push(dir);
    // The data folder is a file: the queue folder inside it cannot be made (ENOTDIR).
    const dataDir = join(dir, 'not-a-folder');
    writeFileSync(dataDir, '');
    const settings = new SettingsStore(dir);
    settings.set({ mqtt: { ...settings.get().mqtt, enabled: true, url: 'mqtt://127.0.0.1:1' } });
    const logs: string[] = [];
    const service = new MqttService({
      hub: new EventHub(),
      settings,
      dataDir,
      configDir: dir,
      log: (m) => logs.push(m),
      boards: { list: () => [], onChange: () => () => {} },
    });
    await service.start();
    const connection = service.status().connection;
    expect(connection.kind).toBe('invalid');
    const reason = connection.kind === 'invalid' ? connection.reason : '';
    expect(reason).toMatch(
      /cannot write to its config folder \(a part of its path is a file, not a folder\)/,
    );
    expect(reason).not.toContain(dir);
    expect(logs.join('\n')).toContain(`its config folder ${dataDir} (`);
    await service.close();
  });
});
