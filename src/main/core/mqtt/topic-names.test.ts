import { describe, expect, it } from 'vitest';
import { remoteCommandsById, TopicNames } from './topic-names';

describe('TopicNames', () => {
  it('fixes a board its first name and never gives a name another board id had, even once removed', () => {
    const existing = new Set(['a', 'b']);
    const names = new TopicNames([], { exists: (id) => existing.has(id) });
    expect(names.topicOf('a', 'lab/1')).toBe('lab-1');
    expect(names.topicOf('b', 'lab+1')).toBe('lab-1-2');
    existing.delete('a');
    // "lab/1" removed: "lab+1" keeps its name, and a new "lab 1" does not take the removed board's.
    expect(names.topicOf('b', 'lab+1')).toBe('lab-1-2');
    expect(names.topicOf('c', 'lab 1')).toBe('lab-1-3');
    // A rename keeps the name it was published under.
    expect(names.topicOf('b', 'Renamed')).toBe('lab-1-2');
  });

  it('takes saved names as they are, leaving out a clash or a name that is not topic-safe', () => {
    const names = new TopicNames([
      ['a', 'lab-1'],
      ['b', 'lab-1'],
      ['c', 'bad/name'],
    ]);
    expect(names.entries()).toEqual([['a', 'lab-1']]);
    expect(names.topicOf('b', 'lab/1')).toBe('lab-1-2');
  });

  it('at its limit forgets the board removed longest ago, never one that exists', () => {
    const existing = new Set(['keep']);
    const names = new TopicNames(
      [
        ['keep', 'k'],
        ['gone-1', 'g1'],
        ['gone-2', 'g2'],
      ],
      { exists: (id) => existing.has(id), max: 3 },
    );
    names.topicOf('new', 'n');
    expect(names.entries().map(([id]) => id)).toEqual(['keep', 'gone-2', 'new']);
  });
});

describe('remoteCommandsById', () => {
  const boards = [
    { id: 'id-slash', topic: 'lab-1' },
    { id: 'id-plus', topic: 'lab-1-2' },
    { id: 'id-new', topic: undefined },
  ];
  it('turns the topic level of a board into its id, keeps ids and entries it does not know', () => {
    expect(remoteCommandsById(['lab-1', 'id-plus', 'virtual-3'], boards)).toEqual([
      'id-slash',
      'id-plus',
      'virtual-3',
    ]);
    expect(remoteCommandsById(['lab-1', 'id-slash'], boards)).toEqual(['id-slash']);
  });
});
