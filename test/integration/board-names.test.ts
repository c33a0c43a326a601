// The virtual board's names (fb36): LLMNR for `lab-web`, mDNS for `lab-web.local`, found by the app's discovery
// and probed with raw datagrams for the firmware responder's rules.
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../src/main/board';
import { discoverBoards, parseDiscoveryTargets } from '../../src/main/core/links/discovery';
import { DNS_CLASS_IN, DNS_TYPE, encodeDns, parseDns, type DnsMessage } from '../../src/shared/dns/message';

/** How long an answer may take on a loaded machine; an answer ends the wait at once. */
const ANSWER_MS = 10_000;

/**
 * Sends datagrams to the board, one after another from one socket, and returns the answers in the order they came
 * once `enough` says so (or what came within `ANSWER_MS`).
 */
async function exchange(
  port: number,
  datagrams: Uint8Array[],
  enough: (answers: DnsMessage[]) => boolean,
): Promise<DnsMessage[]> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  try {
    const answers: DnsMessage[] = [];
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ANSWER_MS);
      s.on('message', (b) => {
        const r = parseDns(b);
        if (r.ok) answers.push(r.message);
        if (enough(answers)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    for (const d of datagrams) s.send(d, port, '127.0.0.1');
    await done;
    return answers;
  } finally {
    s.close();
  }
}

/** Sends one question to the board and returns its answer, or undefined when none came in `ANSWER_MS`. */
async function ask(port: number, bytes: Uint8Array): Promise<DnsMessage | undefined> {
  return (await exchange(port, [bytes], (a) => a.length > 0))[0];
}

const GOOD_ID = 0x5a5a;

/**
 * What the board answered to `bytes`, known without waiting for a silence: a good question (id `GOOD_ID`) follows on
 * the same socket, and the board handles datagrams one at a time, in order, so anything it answered to `bytes`
 * comes before the answer to the good one. Returns the answers that came before it.
 */
async function answersBefore(port: number, bytes: Uint8Array, good: Uint8Array): Promise<DnsMessage[]> {
  const isGood = (a: DnsMessage) => a.id === GOOD_ID;
  const answers = await exchange(port, [bytes, good], (a) => a.some(isGood));
  const at = answers.findIndex(isGood);
  if (at < 0) throw new Error(`the board did not answer the good question in ${ANSWER_MS} ms`);
  return answers.slice(0, at);
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
    // Discovery gathers answers for the whole window, so it is made long enough for a loaded machine to answer.
    const r = await discoverBoards({ hostname: 'lab-web', targets, waitMs: 5000 });
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
    const good = query('lab-web', { id: GOOD_ID });
    expect(await answersBefore(board.endpoints.llmnrPort!, make(), good)).toEqual([]);
    expect(logs.slice(before).some((l) => /^LLMNR: (?!answered)/.test(l))).toBe(true);
  });

  it('answers a one-shot mDNS query by unicast with the question and a TTL of at most 10 s', async () => {
    const a = await ask(board.endpoints.mdnsPort!, query('lab-web.local', { id: 0x2222 }));
    expect(a).toMatchObject({ id: 0x2222, questions: [{ name: 'lab-web.local' }] });
    expect(a!.flags & 0x8400).toBe(0x8400);
    expect(a?.answers).toEqual([
      expect.objectContaining({ name: 'lab-web.local', ttl: 10, address: '127.0.0.1' }),
    ]);
    const good = query('lab-web.local', { id: GOOD_ID });
    expect(await answersBefore(board.endpoints.mdnsPort!, query('lab-web'), good)).toEqual([]);
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
