import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonStore } from './json-store';

const schema = z.object({
  page: z.enum(['home', 'lab']).default('home'),
  count: z.number().int().min(0).default(0),
  broker: z
    .object({
      url: z
        .string()
        .refine((u) => u === '' || u.startsWith('mqtt://'))
        .default(''),
      user: z.string().default(''),
      allowed: z.array(z.string()).default([]),
    })
    .prefault({}),
});

function setup(content?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'json-store-'));
  const file = join(dir, 'state.json');
  if (content !== undefined) writeFileSync(file, content);
  const logs: string[] = [];
  const told: string[] = [];
  const open = () =>
    new JsonStore({
      file,
      schema,
      log: (m) => logs.push(m),
      tell: (m) => told.push(m),
      now: () => Date.UTC(2026, 11, 7, 16, 30, 0),
    });
  return { dir, file, logs, told, open };
}

describe('JsonStore', () => {
  it('starts from the defaults when the file is missing, without a word', () => {
    const s = setup();
    expect(s.open().get()).toEqual({ page: 'home', count: 0, broker: { url: '', user: '', allowed: [] } });
    expect([...s.logs, ...s.told]).toEqual([]);
  });

  it('resets a bad field alone, keeps the others (nested too), tells the user once', () => {
    const s = setup(
      JSON.stringify({
        page: 'lab-v2',
        count: 3,
        broker: { url: 'http://wrong', user: 'ana', allowed: ['b1'] },
      }),
    );
    const store = s.open();
    expect(store.get()).toEqual({
      page: 'home',
      count: 3,
      broker: { url: '', user: 'ana', allowed: ['b1'] },
    });
    expect(store.loaded.reset).toEqual(['page', 'broker.url']);
    expect(s.told).toHaveLength(1);
    expect(s.told[0]).toMatch(/state\.json: the settings "page", "broker\.url" .* reset to the default/);
    const kept = readdirSync(s.dir).filter((f) => f.startsWith('state.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(s.dir, kept[0]!), 'utf8'))).toMatchObject({ page: 'lab-v2' });
    // The repaired file is saved: the next start has nothing to say.
    expect(s.open().loaded.reset).toEqual([]);
    expect(s.told).toHaveLength(1);
  });

  it('keeps a damaged file aside and uses the defaults', () => {
    for (const bad of ['{ "page": "lab", ', '[1, 2]', '"text"']) {
      const s = setup(bad);
      const store = s.open();
      expect(store.get().page).toBe('home');
      const aside = 'state.json.damaged-2026-12-07T16-30-00-000Z';
      expect(store.loaded.keptAs).toBe(join(s.dir, aside));
      expect(readdirSync(s.dir)).toEqual([aside]);
      expect(readFileSync(join(s.dir, aside), 'utf8')).toBe(bad);
      expect(s.told[0]).toMatch(
        /state\.json could not be used .* kept as state\.json\.damaged-.* defaults are used/,
      );
      // The next save writes a fresh file beside the kept one.
      store.update({ count: 1 });
      expect(readdirSync(s.dir).sort()).toEqual([aside, 'state.json'].sort());
    }
  });

  it('writes atomically: a new file renamed over the old, no temp file left, an invalid value changes nothing', () => {
    const s = setup(JSON.stringify({ page: 'lab' }));
    const store = s.open();
    const before = statSync(s.file).ino;
    store.update({ count: 5 });
    expect(statSync(s.file).ino).not.toBe(before);
    expect(readdirSync(s.dir)).toEqual(['state.json']);
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toMatchObject({ page: 'lab', count: 5 });
    const text = readFileSync(s.file, 'utf8');
    expect(() => store.update({ count: -1 })).toThrow();
    expect(readFileSync(s.file, 'utf8')).toBe(text);
    expect(store.get().count).toBe(5);
  });

  it('keeps fields it does not know in the file (a newer version wrote them), not in the state', () => {
    const s = setup(JSON.stringify({ page: 'lab', theme: 'light', broker: { url: 'mqtt://b', port: 1 } }));
    const store = s.open();
    expect(store.get()).toEqual({
      page: 'lab',
      count: 0,
      broker: { url: 'mqtt://b', user: '', allowed: [] },
    });
    expect(s.told).toEqual([]);
    store.update({ count: 2 });
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toMatchObject({ theme: 'light', page: 'lab', count: 2 });
  });

  it('reads an older layout through migrate', () => {
    const s = setup(JSON.stringify(['a', 'b']));
    const store = new JsonStore({
      file: s.file,
      schema: z.object({ list: z.array(z.string()).default([]) }),
      log: () => {},
      migrate: (raw) => (Array.isArray(raw) ? { list: raw } : raw),
    });
    expect(store.get()).toEqual({ list: ['a', 'b'] });
  });
});
