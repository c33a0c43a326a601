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
  it('refuses a TLS file over 64 kB in words, without sending it; sends a small one by name and text', async () => {
    const { bridge, asked } = fakeBridge(() => ok({ caFile: 'lab-ca.pem' }));
    const store = new MqttStore(bridge);
    expect(store.canChooseFiles).toBe(false);
    const big = new File([new Uint8Array(70 * 1024)], 'big.pem');
    expect(await store.uploadCert('ca', big)).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'big.pem is 70 kB; a certificate or key file is at most 64 kB.',
      },
    });
    expect(asked).toEqual([]);
    const small = new File(['-----BEGIN CERTIFICATE-----\n'], 'lab-ca.pem');
    expect(await store.uploadCert('ca', small)).toEqual(ok({ caFile: 'lab-ca.pem' }));
    expect(asked).toEqual([
      {
        name: 'mqtt:cert-upload',
        request: { kind: 'ca', name: 'lab-ca.pem', text: '-----BEGIN CERTIFICATE-----\n' },
      },
    ]);
  });

  it('chooses the TLS files with the native dialog in the desktop app', () => {
    expect(new MqttStore(fakeBridge(() => ok({}), 'electron').bridge).canChooseFiles).toBe(true);
  });
});
