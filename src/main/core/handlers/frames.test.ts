import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/ws-frames';
import type { FramesBatch } from '../../../shared/frames/types';
import { createBench, type Bench } from '../bench';
import type { RawSender } from '../frames/raw-sender';

const call = { transport: 'browser' as const };
let bench: Bench | undefined;

async function start(dir = mkdtempSync(join(tmpdir(), 'frames-h-'))) {
  bench = await createBench({
    connectOnStart: false,
    configDir: dir,
    identity: { name: 'T', version: '0', platform: 'linux' },
    heartbeatMs: 0,
    log: () => {},
  });
  // The built-in virtual board's log; nothing is focused (connectOnStart: false), so commands name the board.
  const tap = bench.frames.captures.tapFor('virtual');
  tap.connectionOpened('c', { host: '127.0.0.1', port: 8080, upgraded: true });
  tap.chunk(
    'c',
    'rx',
    encodeFrame({ opcode: 1, payload: '{"type":"telemetry","data":{"junctionTemp":41}}' }),
  );
  tap.chunk(
    'c',
    'tx',
    encodeFrame({
      opcode: 1,
      payload: '{"type":"led-command","led":"red","state":true}',
      mask: Uint8Array.of(1, 2, 3, 4),
    }),
  );
  return { bench, dir, invoke: (name: string, req: unknown) => bench!.dispatch(name, req, call) };
}

afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe('frames handlers', () => {
  it('lists a filtered window and opens one item', async () => {
    const { invoke } = await start();
    const r = await invoke('frames:list', { filter: { dirs: ['tx'] }, boardId: 'virtual' });
    expect(r).toMatchObject({
      ok: true,
      value: {
        boardId: 'virtual',
        matched: 1,
        from: 0,
        rows: [{ msgType: 'led-command', maskKey: '01020304', link: 1 }],
      },
    });
    const seq = r.ok ? (r.value as { rows: Array<{ seq: number }> }).rows[0]!.seq : 0;
    expect(await invoke('frames:get', { seq, boardId: 'virtual' })).toMatchObject({
      ok: true,
      value: { text: '{"type":"led-command","led":"red","state":true}' },
    });
    expect(await invoke('frames:get', { seq: 999, boardId: 'virtual' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await invoke('frames:list', { filter: { search: '(a+)+', regex: true }, boardId: 'virtual' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/nested quantifiers/) },
    });
  });

  it('pushes batches as events, each naming its board', async () => {
    const { bench: b } = await start();
    const batch = await new Promise<FramesBatch>((resolve) => b.hub.on('frames:batch', resolve));
    expect(batch.boardId).toBe('virtual');
    expect(batch.rows.map((r) => r.msgType)).toEqual(['event', 'telemetry', 'led-command']);
  });

  it("reads only the named board's log, and says so when no board is named or shown", async () => {
    const { bench: b, invoke } = await start();
    b.frames.captures.tapFor('other').connectionOpened('x', { host: '10.0.0.9', port: 8080 });
    const other = await invoke('frames:list', { boardId: 'other' });
    expect(other).toMatchObject({ ok: true, value: { boardId: 'other', matched: 1 } });
    expect(other.ok && (other.value as { rows: Array<{ preview: string }> }).rows[0]!.preview).toBe(
      'opening 10.0.0.9:8080',
    );
    expect(await invoke('frames:list', { boardId: 'never-linked' })).toMatchObject({
      ok: true,
      value: { boardId: 'never-linked', matched: 0, rows: [] },
    });
    expect(await invoke('frames:clear', { boardId: 'other' })).toMatchObject({
      ok: true,
      value: { held: 0 },
    });
    expect(await invoke('frames:list', { boardId: 'virtual' })).toMatchObject({
      ok: true,
      value: { matched: 3 },
    });
    expect(await invoke('frames:list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/No board is selected/) },
    });
  });

  it('sends through the slot, refuses without a link, builds raw frames', async () => {
    const { bench: b, invoke } = await start();
    expect(await invoke('frames:send-text', { text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/connect one/) },
    });
    const raw: Uint8Array[] = [];
    const sender: RawSender = {
      sendText: async () => {},
      sendRaw: async (b) => void raw.push(b),
      ping: async () => {},
      close: async () => {},
    };
    const changes: unknown[] = [];
    b.hub.on('frames:sender-changed', (s) => changes.push(s));
    b.frames.senders.set(sender);
    expect(changes).toEqual([{ boardId: undefined, canSend: true, reason: undefined }]);
    const r = await invoke('frames:send-raw', {
      fin: false,
      rsv1: true,
      opcode: 1,
      mask: true,
      maskKey: '00000000',
      payloadText: 'hi',
      lengthOverride: 200,
    });
    expect(r).toMatchObject({ ok: true, value: { bytes: 10, header: '41 fe 00 c8 00 00 00 00' } });
    expect(Array.from(raw[0]!)).toEqual([0x41, 0xfe, 0x00, 0xc8, 0, 0, 0, 0, 0x68, 0x69]);
    expect(
      await invoke('frames:send-raw', { fin: true, opcode: 2, mask: false, payloadHex: 'zz' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('keeps saved messages across restarts', async () => {
    const { invoke, dir } = await start();
    await invoke('frames:saved-put', { name: 'on', text: '{"a":1}' });
    await bench!.close();
    const again = await start(dir);
    expect(await again.invoke('frames:saved-list', {})).toEqual({
      ok: true,
      value: [{ name: 'on', text: '{"a":1}' }],
    });
  });

  it('exports pcapng and NDJSON as base64 for a download', async () => {
    const { invoke } = await start();
    const p = await invoke('frames:export', { format: 'pcapng', boardId: 'virtual' });
    const bytes = p.ok ? Buffer.from((p.value as { base64: string }).base64, 'base64') : Buffer.alloc(0);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    const n = await invoke('frames:export', { format: 'ndjson', boardId: 'virtual' });
    const text = n.ok ? Buffer.from((n.value as { base64: string }).base64, 'base64').toString() : '';
    expect(text.split('\n')[0]).toContain('"format":"nucleo-bench-recording"');
    expect(text.split('\n')[0]).toContain('"name":"Virtual board"');
    expect(n).toMatchObject({
      ok: true,
      value: { count: 2, fileName: expect.stringMatching(/^frames-virtual-board-\d{8}-\d{6}\.ndjson$/) },
    });
  });
});
