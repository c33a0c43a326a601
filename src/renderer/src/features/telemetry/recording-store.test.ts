import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import { RecordingStore } from './recording-store';

describe('RecordingStore', () => {
  it('asks the status and folders once, follows telemetry:recording, and passes each event on', async () => {
    const folders = { recordings: '/r' };
    const { bridge, emit } = fakeBridge(() => ok({ active: false, folders }));
    const store = new RecordingStore(bridge);
    const events: unknown[] = [];
    store.onEvent((s) => events.push(s));
    store.subscribe(() => {});
    await settle();
    expect(store.snapshot().folders).toEqual(folders);
    emit('telemetry:recording', { active: true });
    expect(store.snapshot()).toEqual({ status: { active: true }, folders });
    expect(events).toEqual([{ active: true }]);
  });
});
