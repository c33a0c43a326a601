import { describe, expect, it } from 'vitest';
import { MAX_PACKET_BYTES, messageProblem, packetBytes } from './message-check';

const m = (topic: string, payload = 'p', qos: 0 | 1 = 1) => ({
  kind: 'event' as const,
  topic,
  payload,
  retain: false,
  qos,
});

describe('messageProblem', () => {
  it('passes an ordinary message', () => {
    expect(messageProblem(m('nucleo-mem/bench/board/telemetry', '{"seq":1}'))).toBeUndefined();
    expect(messageProblem(m('a/é/ü/😀'))).toBeUndefined();
  });

  it('refuses what no broker takes: wildcards, control characters, broken text, an empty or too long topic', () => {
    expect(messageProblem(m('a/#'))).toMatch(/contains the wildcard \+ or #/);
    expect(messageProblem(m('a/+/b'))).toMatch(/contains the wildcard \+ or #/);
    expect(messageProblem(m('a/\u0000b'))).toMatch(/contains a control character/);
    expect(messageProblem(m('a/\nb'))).toMatch(/contains a control character/);
    expect(messageProblem(m('a/\u0085'))).toMatch(/contains a control character/);
    expect(messageProblem(m('a/\ud800b'))).toMatch(/lone UTF-16 surrogate/);
    expect(messageProblem(m('a/\udc00'))).toMatch(/lone UTF-16 surrogate/);
    expect(messageProblem(m(''))).toBe('its topic is empty');
    expect(messageProblem(m('t'.repeat(70_000)))).toMatch(/its topic is 70000 bytes, over MQTT's 65,535/);
  });

  it('refuses a packet over the stated maximum, or over a smaller one the broker states', () => {
    const big = m('a/b', 'x'.repeat(MAX_PACKET_BYTES));
    expect(messageProblem(big)).toMatch(
      /^it is 1,048,58\d bytes, over the 1,048,576-byte maximum packet size$/,
    );
    expect(messageProblem(m('a/b', 'x'.repeat(5000)), 4096)).toMatch(/over the 4,096-byte maximum/);
  });

  it('counts the PUBLISH packet as MQTT encodes it', () => {
    // 1 fixed header + 1 length + 2 topic length + 3 topic + 2 packet id + 1 payload
    expect(packetBytes(m('a/b', 'x'))).toBe(10);
    expect(packetBytes(m('a/b', 'x', 0))).toBe(8);
    expect(packetBytes(m('a/b', 'x'.repeat(200)))).toBe(1 + 2 + 2 + 3 + 2 + 200);
  });
});
