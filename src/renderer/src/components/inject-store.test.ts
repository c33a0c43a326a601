import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { fakeBridge } from '../../../../test/support/fake-bridge';
import { InjectStore } from './inject-store';

const running = (boardId: string, telemetryStalled: boolean) => ({
  kind: 'running',
  boardId,
  board: { telemetryStalled },
});

describe('InjectStore', () => {
  it('keeps each board’s stalled telemetry apart and sends a fault to the board named', async () => {
    const { bridge, emit, asked, listening } = fakeBridge(() => ok({}));
    const store = new InjectStore(bridge);
    const off = store.subscribe(() => {});
    emit('vboard:status', running('a', true));
    emit('vboard:status', running('b', false));
    expect(store.isStalled('a')).toBe(true);
    expect(store.isStalled('b')).toBe(false);
    await store.inject('b', { kind: 'reboot' });
    expect(asked).toEqual([{ name: 'vboard:fault', request: { kind: 'reboot', boardId: 'b' } }]);
    off();
    expect(listening()).toBe(0);
    expect(store.isStalled('a')).toBe(false);
  });
});
