import { describe, expect, it } from 'vitest';
import { fakeBridge } from '../../../../../test/support/fake-bridge';
import type { BridgeState } from '../../bridge/web-bridge';
import { CoreLinkStore } from './core-link-store';

describe('CoreLinkStore', () => {
  it('follows the page’s connection and the core’s heartbeat while listened to', () => {
    const { bridge, emit, listening } = fakeBridge(() => undefined);
    const states = new Set<(s: BridgeState) => void>();
    const store = new CoreLinkStore({
      on: bridge.on,
      onState: (l) => {
        states.add(l);
        l({ kind: 'open', since: 1 });
        return () => states.delete(l);
      },
    });
    const off = store.subscribe(() => {});
    expect(store.snapshot().bridge.kind).toBe('open');
    emit('app:heartbeat', { at: 5 });
    expect(store.snapshot().beat).toEqual({ at: 5 });
    states.forEach((l) => l({ kind: 'closed', since: 6, retryAt: 7 }));
    expect(store.snapshot().bridge.kind).toBe('closed');
    off();
    expect(listening() + states.size).toBe(0);
  });
});
