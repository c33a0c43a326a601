import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from './profiles';

const dir = () => mkdtempSync(join(tmpdir(), 'profiles-topics-'));
const fileOf = (d: string) =>
  JSON.parse(readFileSync(join(d, 'profiles.json'), 'utf8')) as Record<string, unknown>;

describe('ProfileStore: board topic levels', () => {
  it("fixes a topic level at first publish, saves it, and keeps a removed board's for no one else", () => {
    const d = dir();
    const store = new ProfileStore(d);
    const slash = store.save({ name: 'lab/1', host: '10.0.0.1' });
    const plus = store.save({ name: 'lab+1', host: '10.0.0.2' });
    expect(store.topicsMigrated).toBe(false);
    expect(store.topicOf(slash.id, slash.name)).toBe('lab-1');
    expect(store.topicOf(plus.id, plus.name)).toBe('lab-1-2');
    store.remove(slash.id);

    const again = new ProfileStore(d);
    expect(again.topicOf(plus.id, plus.name)).toBe('lab-1-2');
    const other = again.save({ name: 'lab 1', host: '10.0.0.3' });
    expect(again.topicOf(other.id, other.name)).toBe('lab-1-3');
    expect(again.boardTopics()).toEqual([
      { id: 'virtual', topic: undefined },
      { id: plus.id, topic: 'lab-1-2' },
      { id: other.id, topic: 'lab-1-3' },
    ]);
    expect(fileOf(d).topics).toEqual({ [slash.id]: 'lab-1', [plus.id]: 'lab-1-2', [other.id]: 'lab-1-3' });
  });

  it('gives the boards of a file from before topic names were kept the names they were published under', () => {
    const d = dir();
    writeFileSync(
      join(d, 'profiles.json'),
      JSON.stringify({
        version: 2,
        virtualBoards: [{ id: 'virtual', name: 'lab/1' }],
        boards: [
          { id: 'r1', name: 'lab+1', host: '10.0.0.2' },
          { id: 'r2', name: 'Other', host: '10.0.0.3' },
        ],
      }),
    );
    const store = new ProfileStore(d);
    expect(store.topicsMigrated).toBe(true);
    expect(store.boardTopics()).toEqual([
      { id: 'virtual', topic: 'lab-1' },
      { id: 'r1', topic: 'lab-1-2' },
      { id: 'r2', topic: 'Other' },
    ]);
    // Saved at once: the next start is not a migration (the remote-command list is turned into ids only once).
    expect(fileOf(d).topics).toEqual({ virtual: 'lab-1', r1: 'lab-1-2', r2: 'Other' });
    expect(new ProfileStore(d).topicsMigrated).toBe(false);
  });

  it('leaves out a hand-edited topic level that is not topic-safe or clashes, and gives that board a new one', () => {
    const d = dir();
    writeFileSync(
      join(d, 'profiles.json'),
      JSON.stringify({
        version: 2,
        virtualBoards: [],
        boards: [
          { id: 'r1', name: 'One', host: '10.0.0.2' },
          { id: 'r2', name: 'Two', host: '10.0.0.3' },
        ],
        topics: { r1: 'a/#', r2: 'Two', gone: 'One' },
      }),
    );
    const store = new ProfileStore(d);
    expect(store.topicOf('r1', 'One')).toBe('One-2');
    expect(store.topicOf('r2', 'Two')).toBe('Two');
  });
});
