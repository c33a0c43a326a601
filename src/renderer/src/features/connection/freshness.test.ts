import { describe, expect, it } from 'vitest';
import type { LinksState, TelemetryLatest, WireState } from '../../../../shared/bridge/contracts/links';
import { freshness } from './freshness';

const idle: WireState = { kind: 'idle', detail: '' };
const state = (ws: WireState): LinksState => ({
  boardId: 'b',
  board: { id: 'b', name: 'B', host: 'h', virtual: false },
  ws,
  http: idle,
  ftp: idle,
  serial: idle,
  figures: { received: 0, rate: 0, telemetry: 0, telemetryRate: 0, lastMessageAt: 0, invalid: 0, dropped: 0 },
});
const tel: TelemetryLatest = { boardId: 'b', at: 5000, values: { uptime: 1 }, history: {}, count: 3 };

describe('dashboard freshness', () => {
  it('is live only on an open link that brought the values', () => {
    expect(freshness(state({ kind: 'open', since: 1000, detail: '' }), tel)).toEqual({ kind: 'live' });
    expect(freshness(state({ kind: 'open', since: 6000, detail: '' }), tel)).toMatchObject({
      kind: 'stale',
      at: 5000,
      why: 'the link opened again and nothing has arrived yet',
    });
  });

  it('is stale while the board is silent, the link retries or is closed', () => {
    const stale: WireState = { kind: 'stale', since: 1000, lastMessageAt: 5000, detail: '' };
    expect(freshness(state(stale), tel)).toMatchObject({ kind: 'stale', why: 'the board has gone silent' });
    const waiting: WireState = { kind: 'waiting', retryAt: 9000, reason: 'refused', detail: '' };
    expect(freshness(state(waiting), tel)).toMatchObject({
      kind: 'stale',
      why: 'the link is down and retrying',
    });
    expect(freshness(state(idle), tel)).toMatchObject({ kind: 'stale', why: 'the link is closed' });
    expect(freshness(state(idle), undefined)).toEqual({ kind: 'none' });
  });

  it('is never live while the page has lost the bench core, whatever the core last said', () => {
    const open = state({ kind: 'open', since: 1000, detail: '' });
    expect(freshness(open, tel, { since: 9000, restarted: false, why: '' })).toEqual({
      kind: 'stale',
      at: 5000,
      why: 'the page lost its connection to the bench core',
    });
    expect(freshness(open, tel, { since: 9000, restarted: true, why: '' })).toMatchObject({
      why: 'the bench was restarted',
    });
  });
});
