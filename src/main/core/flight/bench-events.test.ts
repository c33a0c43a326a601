import { describe, expect, it } from 'vitest';
import type { TransferItem } from '../../../shared/bridge/contracts/files';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import { TransferEvents, WireEvents } from './bench-events';

function recorder() {
  const events: [string, BenchEventMessage][] = [];
  return { events, record: (id: string, e: BenchEventMessage) => events.push([id, e]) };
}

describe('WireEvents', () => {
  it('records the HTTP and FTP wires finding and losing the board, once per change', () => {
    const { events, record } = recorder();
    const w = new WireEvents(record);
    w.wire('b', 'http', { kind: 'failed', reason: 'refused', brief: 'refused', detail: 'x' }); // never found yet
    w.wire('b', 'http', { kind: 'connecting', detail: 'probing' });
    w.wire('b', 'http', { kind: 'open', since: 1, detail: 'HTTP 200' });
    w.wire('b', 'http', { kind: 'connecting', detail: 'probing' });
    w.wire('b', 'http', { kind: 'open', since: 2, detail: 'HTTP 200' });
    w.wire('b', 'ws', { kind: 'open', since: 2, detail: 'ws' });
    w.wire('b', 'http', { kind: 'waiting', retryAt: 9, reason: 'The board did not answer', detail: 'd' });
    w.wire('b', 'http', {
      kind: 'failed',
      reason: 'The board did not answer',
      brief: 'no answer',
      detail: 'd',
    });
    w.wire('b', 'ftp', { kind: 'open', since: 3, detail: '220 ready' });
    expect(events.map(([id, e]) => `${id} ${e.detail}`)).toEqual([
      'b HTTP answers: HTTP 200',
      'b HTTP lost the board: The board did not answer',
      'b FTP answers: 220 ready',
    ]);
    w.retain(new Set());
    w.wire('b', 'ftp', { kind: 'open', since: 4, detail: '220 ready' });
    expect(events).toHaveLength(4); // watched again: a new run hears the wire answer again
  });
});

describe('TransferEvents', () => {
  it('records each ended transfer once, on its board', () => {
    const { events, record } = recorder();
    const t = new TransferEvents(record);
    const item = (id: number, state: TransferItem['state'], message?: string): TransferItem => ({
      id,
      board: { id: 'virtual', name: 'Virtual', virtual: true },
      direction: 'upload',
      remote: `/f${id}.txt`,
      name: `f${id}.txt`,
      state,
      bytes: 10,
      ...(message ? { message } : {}),
    });
    const snap = (items: TransferItem[]) => ({ items, totalBytes: 0, doneBytes: 0, speed: 0, active: false });
    t.snapshot(snap([item(1, 'running'), item(2, 'queued')]));
    t.snapshot(snap([item(1, 'done'), item(2, 'running')]));
    t.snapshot(snap([item(1, 'done'), item(2, 'failed', 'The board closed the connection')]));
    t.snapshot(snap([item(1, 'done'), item(2, 'failed', 'The board closed the connection')]));
    expect(events).toEqual([
      [
        'virtual',
        expect.objectContaining({
          kind: 'transfer',
          outcome: 'done',
          path: '/f1.txt',
          detail: 'Upload of /f1.txt done',
        }),
      ],
      [
        'virtual',
        expect.objectContaining({
          outcome: 'failed',
          detail: 'Upload of /f2.txt failed: The board closed the connection',
        }),
      ],
    ]);
  });
});
