import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostProblem, isIPv6 } from '../../../shared/bridge/contracts/links';
import { BenchError } from '../../../shared/result';
import { ProfileStore } from './profiles';

const dir = () => mkdtempSync(join(tmpdir(), 'profiles-'));

describe('host validation', () => {
  it('accepts host names, IPv4 and IPv6', () => {
    for (const h of [
      '192.168.0.50',
      'lab-web.local',
      'lab-web',
      '127.0.0.1',
      '::1',
      'fe80::1',
      '2001:db8::8a2e:370:7334',
      '[::1]',
      '::ffff:192.168.0.50',
    ]) {
      expect(hostProblem(h), h).toBeUndefined();
    }
  });
  it('rejects what is none of them, in words', () => {
    expect(hostProblem('')).toContain('Enter a host');
    expect(hostProblem('192.168.0.256')).toBe('"192.168.0.256" is not a valid IPv4 address.');
    expect(hostProblem('lab web')).toContain('not a valid host name');
    expect(hostProblem('-bad.local')).toContain('not a valid host name');
    expect(isIPv6('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIPv6('1::2::3')).toBe(false);
    expect(hostProblem('http://192.168.0.50')).toBeDefined();
  });
});

describe('ProfileStore', () => {
  it('starts a new configuration with one virtual board and persists real boards with defaults', () => {
    const d = dir();
    const store = new ProfileStore(d);
    expect(store.list().map((p) => p.id)).toEqual(['virtual']);
    const p = store.save({ name: 'Bench A', host: '192.168.0.50' });
    expect(p).toMatchObject({
      kind: 'real',
      wsPort: 8080,
      httpPort: 80,
      ftpPort: 21,
      ftpUser: 'anonymous',
      serialPath: '',
    });
    const again = new ProfileStore(d);
    expect(again.list().map((x) => x.name)).toEqual(['Virtual board', 'Bench A']);
    const file = JSON.parse(readFileSync(join(d, 'profiles.json'), 'utf8'));
    expect(file.version).toBe(2);
    // Version 2 lists every virtual board, the seeded one too.
    expect(file.virtualBoards).toEqual([{ id: 'virtual', name: 'Virtual board' }]);
  });

  it('edits, refuses duplicates and bad ports, and removes', () => {
    const store = new ProfileStore(dir());
    const a = store.save({ name: 'A', host: 'lab-web.local' });
    store.save({ ...a, host: '10.0.0.2', wsPort: 9000 });
    expect(store.get(a.id)).toMatchObject({ host: '10.0.0.2', wsPort: 9000 });
    expect(() => store.save({ name: 'a', host: '10.0.0.3' })).toThrow(/already exists/);
    expect(() => store.save({ name: 'B', host: '10.0.0.3', wsPort: 70000 })).toThrow(
      /WebSocket port: 1 to 65535/,
    );
    expect(() => store.save({ name: 'B', host: '10.0.0.300' })).toThrow(BenchError);
    store.remove(a.id);
    expect(store.list()).toHaveLength(1);
    expect(() => store.remove(a.id)).toThrow(/does not exist/);
  });

  it('adds virtual boards beside the first and keeps them across restarts', () => {
    const d = dir();
    const store = new ProfileStore(d);
    store.save({ name: 'Bench A', host: '192.168.0.50' });
    const two = store.addVirtual();
    const three = store.addVirtual('Soak rig');
    expect(two).toEqual({ kind: 'virtual', id: 'virtual-2', name: 'Virtual board 2', host: '127.0.0.1' });
    expect(three.id).toBe('virtual-3');
    expect(() => store.addVirtual('bench a')).toThrow(/already exists/);
    expect(() => store.save({ name: 'Soak rig', host: '10.0.0.9' })).toThrow(/already exists/);
    expect(() => store.save({ id: 'virtual-2', name: 'X', host: '10.0.0.9' })).toThrow(/cannot be edited/);
    const again = new ProfileStore(d);
    expect(again.list().map((p) => [p.kind, p.name])).toEqual([
      ['virtual', 'Virtual board'],
      ['virtual', 'Virtual board 2'],
      ['virtual', 'Soak rig'],
      ['real', 'Bench A'],
    ]);
    again.remove('virtual-2');
    // The lowest free number is taken again.
    expect(again.addVirtual().id).toBe('virtual-2');
  });

  it('removes the first virtual board like any other, down to no board, and gives its number back', () => {
    const d = dir();
    const store = new ProfileStore(d);
    const removed: string[] = [];
    store.onRemoved((id) => removed.push(id));
    store.addVirtual();
    store.remove('virtual');
    expect(removed).toEqual(['virtual']);
    expect(store.list().map((p) => p.id)).toEqual(['virtual-2']);
    store.remove('virtual-2');
    expect(store.list()).toEqual([]);
    // Removed stays removed: the next start does not seed it again.
    expect(new ProfileStore(d).list()).toEqual([]);
    // A board added then takes number 1 again: id `virtual`, whose eMMC folder is the one the first board had.
    expect(new ProfileStore(d).addVirtual()).toEqual({
      kind: 'virtual',
      id: 'virtual',
      name: 'Virtual board',
      host: '127.0.0.1',
    });
  });

  it('keeps the first virtual board of a version 1 file, which never listed it', () => {
    for (const version of ['"version":1,', '']) {
      const d = dir();
      writeFileSync(
        join(d, 'profiles.json'),
        `{${version}"boards":[{"id":"k","name":"Lab","host":"1.2.3.4"}],"virtualBoards":[{"id":"virtual-2","name":"Soak"}]}`,
      );
      const told: string[] = [];
      const store = new ProfileStore(
        d,
        () => undefined,
        (m) => told.push(m),
      );
      expect(store.list().map((p) => [p.id, p.name])).toEqual([
        ['virtual', 'Virtual board'],
        ['virtual-2', 'Soak'],
        ['k', 'Lab'],
      ]);
      expect(told).toEqual([]);
      // Once the user changes something, the file lists it (version 2), and a removal then holds.
      store.remove('virtual');
      const file = JSON.parse(readFileSync(join(d, 'profiles.json'), 'utf8'));
      expect(file).toMatchObject({ version: 2, virtualBoards: [{ id: 'virtual-2', name: 'Soak' }] });
      expect(new ProfileStore(d).list().map((p) => p.id)).toEqual(['virtual-2', 'k']);
    }
  });

  it('survives a broken or hostile profiles.json', () => {
    const d = dir();
    writeFileSync(
      join(d, 'profiles.json'),
      '{"version":1,"boards":[{"id":"virtual","name":"x","host":"1.2.3.4"},{"id":"k","name":"ok","host":"1.2.3.4"},{"id":"z","name":"bad","host":"no way"}]}',
    );
    const logs: string[] = [];
    expect(new ProfileStore(d, (m) => logs.push(m)).list().map((p) => p.id)).toEqual(['virtual', 'k']);
    expect(logs).toEqual([
      expect.stringMatching(
        /^profiles\.json: 2 saved boards were not valid and left out; the file as it was is kept as profiles\.json\.damaged-/,
      ),
    ]);
    writeFileSync(
      join(d, 'profiles.json'),
      '{"version":1,"boards":[],"virtualBoards":[{"id":"virtual","name":"x"},{"id":"../etc","name":"y"},{"id":"virtual-4","name":"ok"}]}',
    );
    expect(new ProfileStore(d, () => undefined).list().map((p) => p.id)).toEqual(['virtual', 'virtual-4']);
    writeFileSync(join(d, 'profiles.json'), '{not json');
    expect(new ProfileStore(d, () => undefined).list()).toHaveLength(1);
  });

  it('keeps the boards file aside when it is damaged, and says once which boards it left out', () => {
    const d = dir();
    writeFileSync(join(d, 'profiles.json'), '{"version":1,"boards":[{"id":"k","name":"ok",');
    const told: string[] = [];
    expect(
      new ProfileStore(
        d,
        () => undefined,
        (m) => told.push(m),
      ).list(),
    ).toHaveLength(1);
    expect(told).toEqual([
      expect.stringMatching(
        /^profiles\.json could not be used \(it is not valid JSON\); it was kept as profiles\.json\.damaged-/,
      ),
    ]);
    const kept = readdirSync(d).filter((f) => f.startsWith('profiles.json.damaged-'));
    expect(kept).toHaveLength(1);

    writeFileSync(
      join(d, 'profiles.json'),
      '{"version":1,"boards":[{"id":"k","name":"ok","host":"1.2.3.4"},{"id":"z","name":"bad","host":"no way"}]}',
    );
    const again: string[] = [];
    expect(
      new ProfileStore(
        d,
        () => undefined,
        (m) => again.push(m),
      )
        .list()
        .map((p) => p.id),
    ).toEqual(['virtual', 'k']);
    expect(again).toEqual([expect.stringMatching(/one saved board was not valid and left out/)]);
    // Said once: the file now holds the valid board only.
    const third: string[] = [];
    expect(
      new ProfileStore(
        d,
        () => undefined,
        (m) => third.push(m),
      )
        .list()
        .map((p) => p.id),
    ).toEqual(['virtual', 'k']);
    expect(third).toEqual([]);
  });
});
