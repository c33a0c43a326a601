import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { fakeBridge, settle } from '../../../../test/support/fake-bridge';
import { HostFoldersStore } from './host-folders-store';

describe('HostFoldersStore', () => {
  it('asks the folders when something starts showing them, and takes the folder a dialog chose', async () => {
    const { bridge, asked } = fakeBridge((name) =>
      name === 'host:folders'
        ? ok({ recordings: '/a', canChoose: true })
        : ok({ path: '/b', folders: { recordings: '/b', canChoose: true } }),
    );
    const store = new HostFoldersStore(bridge);
    expect(store.desktop).toBe(false);
    const off = store.subscribe(() => {});
    await settle();
    expect(store.snapshot()).toEqual({ recordings: '/a', canChoose: true });
    expect(await store.choose('recordings')).toBeUndefined();
    expect(store.snapshot()).toEqual({ recordings: '/b', canChoose: true });
    off();
    store.subscribe(() => {});
    expect(asked.filter((a) => a.name === 'host:folders')).toHaveLength(2);
  });
});
