import { describe, expect, it } from 'vitest';
import { DNS_CLASS_IN, DNS_TYPE, encodeDns, parseDns } from './message';

const hex = (s: string) => Uint8Array.from(s.match(/[0-9a-f]{2}/g)!.map((h) => parseInt(h, 16)));

describe('DNS messages', () => {
  it('encodes an LLMNR query for lab-web byte for byte', () => {
    const q = encodeDns({
      id: 0x1234,
      flags: 0,
      questions: [{ name: 'lab-web', type: DNS_TYPE.A, klass: DNS_CLASS_IN }],
    });
    expect(Array.from(q, (b) => b.toString(16).padStart(2, '0')).join('')).toBe(
      '123400000001000000000000' + '076c61622d77656200' + '00010001',
    );
  });

  it('parses a response whose answer name is a compression pointer to the question', () => {
    const bytes = hex(
      '1234 8000 0001 0001 0000 0000' +
        '076c61622d776562 056c6f63616c 00 0001 0001' +
        'c00c 0001 0001 0000001e 0004 c0a80032',
    );
    const r = parseDns(bytes);
    expect(r).toEqual({
      ok: true,
      message: {
        id: 0x1234,
        flags: 0x8000,
        questions: [{ name: 'lab-web.local', type: 1, klass: 1 }],
        answers: [
          {
            name: 'lab-web.local',
            type: 1,
            klass: 1,
            ttl: 30,
            data: hex('c0a80032'),
            address: '192.168.0.50',
          },
        ],
      },
    });
  });

  it('round-trips a response with an A record', () => {
    const bytes = encodeDns({
      id: 7,
      flags: 0x8000,
      questions: [{ name: 'lab-web.local', type: DNS_TYPE.A, klass: DNS_CLASS_IN }],
      answers: [{ name: 'lab-web.local', ttl: 120, address: '127.0.0.1' }],
    });
    const r = parseDns(bytes);
    expect(r.ok && r.message.answers[0]).toMatchObject({
      name: 'lab-web.local',
      ttl: 120,
      address: '127.0.0.1',
    });
  });

  it.each([
    ['a short header', '1234 8000 0001'],
    ['a truncated question', '1234 0000 0001 0000 0000 0000 07 6c6162'],
    ['a compression loop', '1234 0000 0001 0000 0000 0000 c00c 0001 0001'],
    ['a label longer than 63', '1234 0000 0001 0000 0000 0000 40'],
    ['rdata past the end', '1234 8000 0000 0001 0000 0000 00 0001 0001 0000001e 0010 c0a8'],
    ['thousands of answers', '1234 8000 0000 ffff 0000 0000'],
  ])('refuses %s with a coded error', (_what, bytes) => {
    const r = parseDns(hex(bytes));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/\w/);
  });

  it('refuses names DNS cannot carry', () => {
    const long = 'x'.repeat(64);
    expect(() => encodeDns({ id: 1, flags: 0, questions: [{ name: long, type: 1, klass: 1 }] })).toThrow(
      /bad label/,
    );
    expect(() =>
      encodeDns({ id: 1, flags: 0x8000, questions: [], answers: [{ name: 'a', ttl: 1, address: '1.2.3' }] }),
    ).toThrow(/IPv4/);
  });
});
