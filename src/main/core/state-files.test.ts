// The smaller state files, each read and written through JsonStore: what earlier versions wrote is still read,
// a damaged file is kept aside (nothing the user had is overwritten), and a bad field falls back alone.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs';
import { HostFolders } from './files/host-folders';
import { RecentFolders } from './files/recent-folders';
import { SavedMessages } from './frames/saved-messages';
import { TelemetryService } from './telemetry/service';

const fresh = tempDirs('state-files-');

const keptAside = (dir: string, name: string) =>
  readdirSync(dir).filter((f) => f.startsWith(`${name}.damaged-`));

describe('state files on JsonStore', () => {
  it('files-recent.json: read as before, kept aside when damaged', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'files-recent.json'), JSON.stringify({ hostDirs: ['/a', '/b'] }));
    const recent = new RecentFolders(dir);
    expect(recent.list()).toEqual(['/a', '/b']);
    recent.remember('/c');
    expect(JSON.parse(readFileSync(join(dir, 'files-recent.json'), 'utf8'))).toEqual({
      hostDirs: ['/c', '/a', '/b'],
    });

    writeFileSync(join(dir, 'files-recent.json'), '{"hostDirs":["/a"');
    const logs: string[] = [];
    expect(new RecentFolders(dir, (m) => logs.push(m)).list()).toEqual([]);
    expect(keptAside(dir, 'files-recent.json')).toHaveLength(1);
    expect(logs.join()).toMatch(/files-recent\.json could not be used/);
  });

  it('frames-saved-messages.json: the bare list of earlier versions is read, and saved in the new layout', () => {
    const dir = fresh();
    const old = [{ name: 'hello', text: '{"type":"led-command"}' }];
    writeFileSync(join(dir, 'frames-saved-messages.json'), JSON.stringify(old));
    const saved = new SavedMessages(dir);
    expect(saved.all()).toEqual(old);
    saved.put('bye', 'x');
    expect(JSON.parse(readFileSync(join(dir, 'frames-saved-messages.json'), 'utf8'))).toEqual({
      messages: [{ name: 'bye', text: 'x' }, ...old],
    });
    expect(new SavedMessages(dir).all().map((m) => m.name)).toEqual(['bye', 'hello']);

    writeFileSync(join(dir, 'frames-saved-messages.json'), 'not json');
    expect(new SavedMessages(dir).all()).toEqual([]);
    expect(keptAside(dir, 'frames-saved-messages.json')).toHaveLength(1);
  });

  it('host-folders.json: a chosen folder is read; a bad entry falls back alone to the app folder', () => {
    const dir = fresh();
    const chosen = join(dir, 'my-recordings');
    mkdirSync(chosen);
    writeFileSync(join(dir, 'host-folders.json'), JSON.stringify({ recordings: chosen, downloads: 42 }));
    const logs: string[] = [];
    const folders = new HostFolders(join(dir, 'data'), dir, (m) => logs.push(m));
    expect(folders.current('recordings')).toBe(chosen);
    expect(folders.current('downloads')).toBe(join(dir, 'data', 'downloads'));
    expect(logs.join()).toMatch(/the setting "downloads" had a value this version cannot use/);
    expect(JSON.parse(readFileSync(join(dir, 'host-folders.json'), 'utf8'))).toEqual({ recordings: chosen });
  });

  it('telemetry-folders.json: the last folder is read; a bad one falls back to the default', () => {
    const dir = fresh();
    const service = (d: string, log: (m: string) => void = () => {}) =>
      new TelemetryService({ dataDir: d, emitBatch: () => {}, emitRecording: () => {}, log });
    writeFileSync(join(dir, 'telemetry-folders.json'), JSON.stringify({ lastDir: '/srv/rec' }));
    const a = service(dir);
    expect(a.lastDir).toBe('/srv/rec');
    a.rememberDir('/srv/other');
    a.close();
    expect(service(dir).lastDir).toBe('/srv/other');

    writeFileSync(join(dir, 'telemetry-folders.json'), JSON.stringify({ lastDir: 7 }));
    const logs: string[] = [];
    const b = service(dir, (m) => logs.push(m));
    expect(b.lastDir).toBe(join(dir, 'recordings'));
    expect(logs.join()).toMatch(/"lastDir" had a value this version cannot use/);
    b.close();
  });
});
