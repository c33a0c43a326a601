// The virtual board's names (fb36): LLMNR for `lab-web`, mDNS for `lab-web.local`, found by the app's discovery
// and probed with raw datagrams for the firmware responder's rules.
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../src/main/board';
import { discoverBoards, parseDiscoveryTargets } from '../../src/main/core/links/discovery';
import { DNS_CLASS_IN, DNS_TYPE, encodeDns, parseDns, type DnsMessage } from '../../src/shared/dns/message';

/** Sends one datagram to the board and returns the answer, or undefined after `waitMs`. */
async function ask(port: number, bytes: Uint8Array, waitMs = 300): Promise<DnsMessage | undefined> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  try {
    const reply = new Promise<DnsMessage | undefined>((resolve) => {
      s.once('message', (b) => {
        const r = parseDns(b);
        resolve(r.ok ? r.message : undefined);
      });
      setTimeout(() => resolve(undefined), waitMs);
    });
    s.send(bytes, port, '127.0.0.1');
    return await reply;
  } finally {
    s.close();
  }
}

const query = (name: string, opts: { type?: number; klass?: number; flags?: number; id?: number } = {}) =>
  encodeDns({
    id: opts.id ?? 0x4242,
    flags: opts.flags ?? 0,
    questions: [{ name, type: opts.type ?? DNS_TYPE.A, klass: opts.klass ?? DNS_CLASS_IN }],
  });

describe('virtual board names (LLMNR and mDNS)', () => {
  let board: RunningBoard;
  const logs: string[] = [];
  beforeAll(async () => {
    board = await startBoard({ wsPort: 0, bootDelayMs: 0, names: { llmnrPort: 0, mdnsPort: 0 } });
    board.control.on('log', (l) => logs.push(l.text));
  });
  afterAll(async () => {
    await board.close();
  });

  it('is found by the app as lab-web (LLMNR) and lab-web.local (mDNS), at the address it listens on', async () => {
    const { llmnrPort, mdnsPort } = board.endpoints;
    expect(llmnrPort).toBeGreaterThan(0);
    expect(mdnsPort).toBeGreaterThan(0);
    const targets = parseDiscoveryTargets(`mdns=127.0.0.1:${mdnsPort},llmnr=127.0.0.1:${llmnrPort}`);
    const r = await discoverBoards({ hostname: 'lab-web', targets, waitMs: 400 });
    expect(r.problems).toEqual([]);
    expect(r.found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ via: 'LLMNR', name: 'lab-web', address: '127.0.0.1', ttl: 30 }),
        expect.objectContaining({ via: 'mDNS', name: 'lab-web.local', address: '127.0.0.1', ttl: 10 }),
      ]),
    );
    expect(r.found).toHaveLength(2);
    // Another name is not answered.
    const none = await discoverBoards({ hostname: 'other-board', targets, waitMs: 300 });
    expect(none.found).toEqual([]);
  });

  it('answers LLMNR as llmnr_responder.c does: case-insensitive, A or ANY, flags 0x8000, TTL 30, the id back', async () => {
    const port = board.endpoints.llmnrPort!;
    const a = await ask(port, query('LAB-WEB', { id: 0x1111 }));
    expect(a).toMatchObject({
      id: 0x1111,
      flags: 0x8000,
      questions: [{ name: 'LAB-WEB', type: 1, klass: 1 }],
    });
    expect(a?.answers).toEqual([
      expect.objectContaining({ name: 'LAB-WEB', type: 1, klass: 1, ttl: 30, address: '127.0.0.1' }),
    ]);
    expect((await ask(port, query('lab-web', { type: DNS_TYPE.ANY })))?.answers).toHaveLength(1);
  });

  it.each([
    ['a response (QR set)', () => query('lab-web', { flags: 0x8000 })],
    ['an AAAA question', () => query('lab-web', { type: 28 })],
    ['another class', () => query('lab-web', { klass: 3 })],
    ['a two-label name', () => query('lab-web.local')],
    [
      'two questions',
      () =>
        encodeDns({
          id: 1,
          flags: 0,
          questions: [
            { name: 'lab-web', type: 1, klass: 1 },
            { name: 'lab-web', type: 1, klass: 1 },
          ],
        }),
    ],
    ['garbage', () => Uint8Array.from([1, 2, 3])],
  ])('ignores %s over LLMNR, with a log line', async (_what, make) => {
    const before = logs.length;
    expect(await ask(board.endpoints.llmnrPort!, make())).toBeUndefined();
    expect(logs.slice(before).some((l) => l.startsWith('LLMNR: '))).toBe(true);
  });

  it('answers a one-shot mDNS query by unicast with the question and a TTL of at most 10 s', async () => {
    const a = await ask(board.endpoints.mdnsPort!, query('lab-web.local', { id: 0x2222 }));
    expect(a).toMatchObject({ id: 0x2222, questions: [{ name: 'lab-web.local' }] });
    expect(a!.flags & 0x8400).toBe(0x8400);
    expect(a?.answers).toEqual([
      expect.objectContaining({ name: 'lab-web.local', ttl: 10, address: '127.0.0.1' }),
    ]);
    expect(await ask(board.endpoints.mdnsPort!, query('lab-web'))).toBeUndefined();
  });

  it('keeps its names across a reboot, on the same ports', async () => {
    const { llmnrPort } = board.endpoints;
    await board.control.reboot();
    expect(board.endpoints.llmnrPort).toBe(llmnrPort);
    expect((await ask(llmnrPort!, query('lab-web')))?.answers).toHaveLength(1);
  });
});

describe('discovery without a board', () => {
  it('says so in words when a query cannot be sent, and refuses a bad target', async () => {
    const r = await discoverBoards({
      hostname: 'lab-web',
      targets: [{ via: 'LLMNR', address: '0.0.0.0', port: 0 }],
      waitMs: 100,
    });
    expect(r.found).toEqual([]);
    expect(r.problems.join(' ')).toMatch(/LLMNR query for "lab-web" could not be sent/);
    expect(() => parseDiscoveryTargets('mdns=lab-web.local:5353')).toThrow(/not a discovery target/);
  });
});
