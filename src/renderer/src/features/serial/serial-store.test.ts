import { describe, expect, it } from 'vitest';
import type { EventName, PayloadOf } from '../../../../shared/bridge/contract';
import type { SerialConsoleState, SerialLine } from '../../../../shared/bridge/contracts/serial';
import { until } from '../../../../../test/support/wait';
import { SerialStore } from './serial-store';

const state = (boardId: string): SerialConsoleState => ({
  boardId,
  input: { kind: 'source', name: boardId },
  stats: { lines: 0, bytes: 0, dropped: 0, overlongLines: 0, garbageLines: 0, maxLineBytes: 4096 },
  logging: null,
});
const line = (seq: number, text: string): SerialLine => ({ seq, t: 0, text });

/** A core that answers `serial:history` from per-board scrollbacks and lets the test send events. */
function fakeBridge(history: Record<string, SerialLine[]>) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const asked: string[] = [];
  return {
    asked,
    emit<E extends EventName>(name: E, payload: PayloadOf<E>) {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    bridge: {
      async invoke(name: string, req: { boardId?: string }) {
        if (name === 'serial:list')
          return { ok: false, error: { code: 'IO_ERROR', message: 'Could not list serial ports' } };
        if (name !== 'serial:history' || !req.boardId) throw new Error(`unexpected ${name}`);
        asked.push(req.boardId);
        return {
          ok: true,
          value: { lines: history[req.boardId] ?? [], events: [], state: state(req.boardId) },
        };
      },
      on(name: string, l: (p: unknown) => void) {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name)!.add(l);
        return () => listeners.get(name)!.delete(l);
      },
    } as unknown as ConstructorParameters<typeof SerialStore>[0],
  };
}

describe('SerialStore (the Serial page data layer)', () => {
  it("keeps each board's lines apart, and shows a board's earlier lines when it is shown again", async () => {
    const core = fakeBridge({ a: [line(1, 'a booted')], b: [line(1, 'b booted')] });
    const store = new SerialStore(core.bridge);
    const off = store.subscribe(() => undefined);
    store.show('a');
    await until(() => store.board('a').state, "board a's history");
    core.emit('serial:lines', { boardId: 'a', lines: [line(2, 'a: LED on')], dropped: 0 });
    core.emit('serial:lines', { boardId: 'b', lines: [line(2, 'b: LED on')], dropped: 0 });
    core.emit('serial:event', {
      boardId: 'b',
      event: { kind: 'led', severity: 'info', summary: 'b LED', detail: '', t: 0, seq: 2, line: 'b: LED on' },
    });
    expect(store.board('a').scroll.lines.map((l) => l.text)).toEqual(['a booted', 'a: LED on']);
    expect(store.board('a').scroll.events).toEqual([]);

    store.show('b');
    await until(() => store.board('b').state, "board b's history");
    expect(store.board('b').scroll.lines.map((l) => l.text)).toEqual(['b booted']);
    expect(store.board('b').state?.boardId).toBe('b');

    store.show('a'); // back: what it had, without asking the core again
    expect(store.board('a').scroll.lines.map((l) => l.text)).toEqual(['a booted', 'a: LED on']);
    expect(core.asked).toEqual(['a', 'b']);
    expect(store.board(undefined).scroll.lines).toEqual([]);
    off();
  });

  it('keeps a failed port listing as a quiet flag, not as an error of the board', async () => {
    const core = fakeBridge({ a: [] });
    const store = new SerialStore(core.bridge);
    const off = store.subscribe(() => undefined);
    store.show('a');
    await until(() => store.board('a').state, "board a's history");
    await store.listPorts();
    expect(store.ports()).toEqual({ ports: [], listFailed: true });
    expect(store.board('a').error).toBeUndefined();
    off();
  });
});
