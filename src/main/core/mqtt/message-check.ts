// What can be known about a message before it is sent: whether any broker could take it. One sent that cannot be
// taken makes the broker close the connection, and the queue would send it first again on every reconnect.
import type { OutgoingMessage } from './disk-queue';

/**
 * Largest PUBLISH packet this bench sends, 1 MiB, unless the broker states a smaller maximum (MQTT 5 CONNACK).
 * A board's telemetry frame is at most 64 KiB, so only a damaged queue line can come near it.
 */
export const MAX_PACKET_BYTES = 1024 * 1024;

/** Bytes of the PUBLISH packet that carries `m` (fixed header, topic, packet id at QoS 1, payload). */
export function packetBytes(m: OutgoingMessage): number {
  const remaining = 2 + Buffer.byteLength(m.topic) + (m.qos > 0 ? 2 : 0) + Buffer.byteLength(m.payload);
  const lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
  return 1 + lengthBytes + remaining;
}

/**
 * MQTT forbids U+0000 in a topic and lets brokers refuse the other control characters (Mosquitto does); a lone
 * UTF-16 surrogate is not text at all (it has no UTF-8 form).
 */
function textProblem(t: string): string | undefined {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'contains a control character';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = t.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return 'is not valid text (a lone UTF-16 surrogate)';
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'is not valid text (a lone UTF-16 surrogate)';
  }
  return undefined;
}

const show = (topic: string) => JSON.stringify(topic.length > 80 ? `${topic.slice(0, 80)}…` : topic);

/** Why no broker would take `m` (in words), or undefined when it may be sent. */
export function messageProblem(m: OutgoingMessage, maxPacketBytes = MAX_PACKET_BYTES): string | undefined {
  const t = m.topic;
  if (t === '') return 'its topic is empty';
  if (/[+#]/.test(t))
    return `its topic ${show(t)} contains the wildcard + or #, which only subscriptions may use`;
  const text = textProblem(t);
  if (text) return `its topic ${show(t)} ${text}`;
  const topicBytes = Buffer.byteLength(t);
  if (topicBytes > 65_535) return `its topic is ${topicBytes} bytes, over MQTT's 65,535`;
  const bytes = packetBytes(m);
  if (bytes > maxPacketBytes)
    return `it is ${bytes.toLocaleString('en-US')} bytes, over the ${maxPacketBytes.toLocaleString('en-US')}-byte maximum packet size`;
  return undefined;
}
