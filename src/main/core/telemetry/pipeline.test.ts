import { describe, expect, it } from 'vitest';
import type { TelemetryBatch } from '../../../shared/telemetry/types';
import { TelemetryPipeline } from './pipeline';

function setup(opts: Partial<ConstructorParameters<typeof TelemetryPipeline>[0]> = {}) {
  const batches: TelemetryBatch[] = [];
  const p = new TelemetryPipeline({ batchMs: 0, ...opts, emit: (b) => batches.push(b) });
  const rx = (t: number, data: string, board = 'virtual') => p.ingest(board, { t, dir: 'rx', op: 1, data });
  const tel = (t: number, data: Record<string, unknown>, board = 'virtual') =>
    rx(t, JSON.stringify({ type: 'telemetry', data }), board);
  return { p, batches, rx, tel };
}

describe('TelemetryPipeline', () => {
  it('discovers series from numeric fields in first-seen order, timestamps on receipt, batches columnar', () => {
    const { p, batches, tel } = setup();
    tel(1000, { junctionTemp: 42, randomFloat: 73.2, mode: 'demo', uptime: 5 });
    tel(2000, { junctionTemp: 43, randomFloat: 1, uptime: 6, extra: 7 });
    p.flush();
    expect(batches).toHaveLength(1);
    const b = batches[0]!;
    expect(b.series).toEqual(['junctionTemp', 'randomFloat', 'uptime', 'extra']);
    expect(b.t).toEqual(Float64Array.from([1000, 2000]));
    // Typed columns, NaN where a message had no value.
    expect(b.columns.map((c) => Array.from(c))).toEqual([
      [42, 43],
      [73.2, 1],
      [5, 6],
      [NaN, 7],
    ]);
    expect(b.counts).toEqual({ received: 2, invalid: 0, dropped: 0, other: 0 });
    expect(b.latest).toEqual({ junctionTemp: 43, randomFloat: 1, uptime: 6, extra: 7 });
    expect(b.reset).toBe(true);
  });

  it('emits only when something changed', () => {
    const { p, batches, tel } = setup();
    tel(1, { a: 1 });
    p.flush();
    p.flush();
    expect(batches).toHaveLength(1);
    tel(2, { a: 2 });
    p.flush();
    expect(batches).toHaveLength(2);
    expect(batches[1]!.reset).toBeUndefined();
  });

  it('counts invalid messages and never charts them', () => {
    const { p, batches, rx, tel } = setup();
    tel(1, { a: 1, b: 2 });
    rx(2, '{"type":"telemetry","data":{"a":NaN}}');
    rx(3, '{"type":"telemetry","data":{"a":"NaN","b":1}}');
    rx(4, '{"type":"telemetry","data":{"a":"Infinity"}}');
    rx(5, '{"type":"telemetry","data":{"a":1e999}}');
    rx(6, '{"type":"telemetry","data":{"a":null,"b":2}}');
    rx(7, 'not json');
    rx(8, `{"type":"telemetry","data":{"a":1,"pad":"${'x'.repeat(1024 * 1024)}"}}`);
    rx(9, '{"type":"telemetry","data":[1,2]}');
    rx(10, '{"type":"telemetry","data":{"label":"x"}}');
    rx(11, '[]');
    rx(12, '{"type":"led-status","data":{"yellowLed":false,"redLed":true}}');
    p.ingest('virtual', { t: 13, dir: 'tx', op: 1, data: '{"type":"led-command","led":"red","state":true}' });
    p.flush();
    const all = batches.flatMap((b) => Array.from(b.t));
    expect(all).toEqual([1]);
    expect(batches.at(-1)!.counts).toEqual({ received: 1, invalid: 10, dropped: 0, other: 1 });
  });

  it('marks a reboot when uptime goes back, and a gap after more than 3 periods', () => {
    const { p, batches, tel } = setup({ minGapMs: 0 });
    for (let i = 0; i < 5; i++) tel(1000 * i, { uptime: 100 + i });
    tel(10_000, { uptime: 105 }); // 6 s without telemetry
    tel(11_000, { uptime: 1 }); // reboot
    p.flush();
    const marks = batches.flatMap((b) => b.marks);
    expect(marks.map((m) => m.kind)).toEqual(['gap', 'reboot']);
    expect(marks[0]).toMatchObject({ t: 4000, detail: 'no telemetry for 6.0 s' });
    expect(marks[1]).toMatchObject({ t: 11_000, detail: 'uptime went from 105 s to 1 s' });
    expect(p.history().marks).toHaveLength(2);
  });

  it('marks a board rebooted seconds after it started, back past its old uptime after the link dropped', () => {
    const { p, batches, rx } = setup();
    const text = (uptime: number) => JSON.stringify({ type: 'telemetry', data: { uptime } });
    for (let i = 0; i <= 3; i++) rx(1000 * i, text(i));
    p.mark('virtual', { t: 3100, kind: 'disconnect' });
    p.mark('virtual', { t: 7900, kind: 'connect' });
    const back = { t: 8000, dir: 'rx' as const, op: 1, data: text(4) }; // booted 4 s ago: 4 s past its old 3 s
    p.ingest('virtual', back);
    // The decision goes with the message, for the Lab's count and the session file.
    const decided = p.rebootOf(back);
    for (let i = 1; i <= 5; i++) rx(8000 + 1000 * i, text(4 + i));
    p.flush();
    const reboots = batches.flatMap((b) => b.marks).filter((m) => m.kind === 'reboot');
    expect(reboots).toHaveLength(1);
    expect(reboots[0]).toMatchObject({ t: 8000 });
    expect(decided).toBe(reboots[0]);
  });

  it('marks no reboot when a stalled board resumes after a link drop with the uptime it should have', () => {
    const { p, batches, tel } = setup();
    for (let i = 0; i <= 3; i++) tel(1000 * i, { uptime: 50 + i });
    p.mark('virtual', { t: 3100, kind: 'disconnect' });
    p.mark('virtual', { t: 20_000, kind: 'connect' });
    for (let i = 0; i < 5; i++) tel(20_500 + 1000 * i, { uptime: 70 + i });
    p.flush();
    expect(batches.flatMap((b) => b.marks).filter((m) => m.kind === 'reboot')).toEqual([]);
  });

  it('does not call jitter at high rates a gap', () => {
    const { p, batches, tel } = setup();
    let t = 0;
    for (let i = 0; i < 2000; i++) tel((t += i % 16 === 0 ? 16 : 0.1), { v: i });
    p.flush();
    expect(batches.flatMap((b) => b.marks)).toEqual([]);
  });

  it('starts afresh for a new board and passes link marks through', () => {
    const { p, batches, tel } = setup();
    tel(1, { a: 1 }, 'virtual');
    p.flush();
    p.select('real-1');
    p.mark('real-1', { t: 5, kind: 'connect' });
    tel(6, { b: 2 }, 'real-1');
    p.flush();
    const b = batches.at(-1)!;
    expect(b.boardId).toBe('real-1');
    expect(b.reset).toBe(true);
    expect(b.series).toEqual(['b']);
    expect(b.marks).toEqual([{ t: 5, kind: 'connect' }]);
    expect(b.counts.received).toBe(1);
  });

  it('keeps each board’s history across a switch, with a mark where it was left', () => {
    let now = 100;
    const { p, batches, tel } = setup({ now: () => now });
    for (let i = 0; i < 50; i++) tel(i, { a: i }, 'real-1');
    now = 60;
    p.select('virtual');
    tel(70, { v: 1 }, 'virtual');
    p.flush();
    expect(p.history().boardId).toBe('virtual');
    expect(p.history().rawRows).toBe(1);
    now = 200;
    p.select('real-1');
    p.flush();
    expect(batches.at(-1)).toMatchObject({ boardId: 'real-1', reset: true, t: new Float64Array(0) });
    expect(batches.at(-1)!.counts.received).toBe(50);
    tel(300, { a: 99 }, 'real-1');
    const h = p.history();
    expect(h.rawRows).toBe(51);
    expect(h.heldFrom).toBe(0);
    expect(h.marks).toEqual([{ t: 60, kind: 'disconnect', detail: 'the app switched to another board' }]);
    expect(p.totals.received).toBe(51);
  });

  it('trims a board left to its rows, and forgets the board shown longest ago beyond the budget', () => {
    const logs: string[] = [];
    let now = 0;
    const { p, tel } = setup({
      maxRows: 10_000,
      maxHeldBytes: 20_000,
      now: () => now,
      log: (m) => logs.push(m),
    });
    for (let i = 0; i < 500; i++) tel(i, { a: i }, 'b1');
    const full = p.held()[0]!.bytes;
    now = 1;
    p.select('b2'); // b1 is left: its ring shrinks to its 500 rows
    tel(1000, { a: 1 }, 'b2');
    const b1 = p.held().find((b) => b.boardId === 'b1')!;
    expect(b1.rows).toBe(500);
    expect(b1.bytes).toBeLessThan(full / 10);
    expect(b1.bytes).toBeLessThanOrEqual(20_000);
    for (let i = 0; i < 500; i++) tel(2000 + i, { a: i }, 'b2');
    now = 2;
    p.select('b3'); // b1 + b2 exceed 20 kB: b1, shown longest ago, goes
    tel(5000, { a: 1 }, 'b3');
    expect(p.held().map((b) => b.boardId)).toEqual(['b2', 'b3']);
    expect(logs).toEqual([expect.stringMatching(/forgot the history of board b1 \(500 rows\)/)]);
    p.forget('b2');
    expect(p.held().map((b) => b.boardId)).toEqual(['b3']);
  });

  it('keeps a watched board’s history while another is shown, within its own cap, and never evicts it', () => {
    const { p, batches, tel } = setup({ maxHeldBytes: 1, watchedMaxRows: 100 });
    tel(1, { a: 1 }, 'shown');
    for (let i = 0; i < 150; i++) tel(10 + i, { w: i }, 'watched');
    p.flush();
    expect(batches.every((b) => b.boardId === 'shown')).toBe(true);
    expect(batches.flatMap((b) => [...b.t])).toEqual([1]);
    p.select('other'); // over the held budget: the board left goes, the watched one stays
    expect(
      p
        .held()
        .map((b) => b.boardId)
        .sort(),
    ).toEqual(['other', 'watched']);
    expect(p.historyOf('watched').reservedBytes).toBeGreaterThan(0);
    p.select('watched', true);
    const h = p.history();
    expect(h.rawRows).toBe(100); // its cap: the newest 100 rows
    expect(h.heldFrom).toBe(60);
    expect(h.counts.received).toBe(150);
    expect(h.marks).toEqual([]);
  });

  it("tells the samples a board's history holds and the bytes they take apart from the buffers set aside", () => {
    const { p, tel } = setup();
    p.select('virtual');
    // One minute at 1 Hz of four fields, as the Lab page saw it: "history 30 MB of 67.1 MB" was the buffers.
    for (let i = 0; i < 60; i++) tel(1000 * i, { junctionTemp: 40, randomFloat: 1, randomInt: 2, uptime: i });
    const h = p.historyOf('virtual');
    expect(h.samples).toBe(60);
    expect(h.sampleBytes).toBe(60 * 8 * 5); // a time and four values, 8 bytes each
    expect(h.reservedBytes).toBeGreaterThan(1_000_000); // the shown board's ring is allocated ahead
    expect(h.capBytes).toBe(64 * 1024 * 1024);
  });

  it('gives a watched board room as its rows come, not its whole cap at once', () => {
    const { p, tel } = setup();
    tel(1, { a: 1 }, 'shown');
    for (let i = 0; i < 10; i++) tel(10 + i, { w: i }, 'watched');
    const small = p.historyOf('watched').reservedBytes;
    expect(small).toBeLessThan(86_400 * 8); // a full 24 h ring of two columns would take 1.7 MB
    for (let i = 0; i < 10_000; i++) tel(100 + i, { w: i }, 'watched');
    expect(p.historyOf('watched').reservedBytes).toBeGreaterThan(small);
    p.select('watched', true);
    expect(p.history().rawRows).toBe(10_010);
  });

  it('drops and counts rows beyond the pending bound', () => {
    const { p, batches, tel } = setup({ maxPendingRows: 3 });
    for (let i = 0; i < 5; i++) tel(i, { a: i });
    p.flush();
    expect(Array.from(batches[0]!.t)).toEqual([0, 1, 2]);
    expect(batches[0]!.counts.dropped).toBe(2);
    expect(p.history().rawRows).toBe(5);
  });

  it('serves decimated history for a window', () => {
    const { p, tel } = setup();
    for (let i = 0; i < 10_000; i++) tel(i, { a: i % 100, b: -i });
    const h = p.history(1000, 9000, 200);
    expect(h.rawRows).toBe(8000);
    expect(h.t.length).toBeLessThanOrEqual(200);
    expect(h.t[0]).toBe(1000);
    expect(h.columns[0]!.length).toBe(h.t.length);
    expect(h.heldFrom).toBe(0);
    expect(h.heldTo).toBe(9999);
    expect(Math.max(...(h.columns[0] as number[]))).toBe(99);
  });

  it('hands every message to taps, rx and tx', () => {
    const { p, rx } = setup();
    const seen: string[] = [];
    p.tap((board, r) => seen.push(`${board}:${r.dir}`));
    rx(1, 'junk');
    p.ingest('virtual', { t: 2, dir: 'tx', op: 1, data: '{}' });
    expect(seen).toEqual(['virtual:rx', 'virtual:tx']);
  });
});
