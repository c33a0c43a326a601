import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import { MqttStore } from './mqtt-store';

describe('MqttStore', () => {
  it('asks the status when first listened to, follows mqtt:state, and stops listening when nobody does', async () => {
    const { bridge, emit, listening } = fakeBridge(() => ok({ published: 1 }));
    const store = new MqttStore(bridge);
    const off = store.subscribe(() => {});
    await settle();
    expect(store.snapshot()).toEqual({ published: 1 });
    emit('mqtt:state', { published: 2 });
    expect(store.snapshot()).toEqual({ published: 2 });
    off();
    expect(listening()).toBe(0);
  });

  it('keeps an event newer than the answer to its question', async () => {
    const { bridge, emit } = fakeBridge(() => ok({ published: 1 }));
    const store = new MqttStore(bridge);
    store.subscribe(() => {});
    emit('mqtt:state', { published: 5 });
    await settle();
    expect(store.snapshot()).toEqual({ published: 5 });
  });
});
