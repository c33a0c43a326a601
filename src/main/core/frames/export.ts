// Exports of the capture: the app's NDJSON recording format, and pcapng with synthetic IPv4/TCP for Wireshark.
import { toBase64, utf8OrUndefined } from '../../../shared/frames/bytes';
import {
  parseIpv4,
  synthesizeTcp,
  type Endpoint,
  type SynthConnection,
} from '../../../shared/pcapng/tcp-synth';
import { writePcapng, type PcapPacket } from '../../../shared/pcapng/writer';
import { RECORDING_FORMAT, type MessageRecord, type RecordingHeader } from '../../../shared/recording/format';
import type { FrameCapture, ChunkRecord } from './capture';

/** Which items to export: every held item, or these sequence numbers. */
export type ExportSelection = ReadonlySet<number> | undefined;

/** The recording format: a header line, then one line per data or control frame (text as `data`, else `b64`). */
export function exportNdjson(
  capture: FrameCapture,
  selection: ExportSelection,
  board: Record<string, unknown> = {},
): { text: string; records: number } {
  const lines: string[] = [];
  let started: number | undefined;
  let truncated = 0;
  for (const { row, payload } of capture.allItems()) {
    if (row.kind !== 'frame' || !row.dir || (selection && !selection.has(row.seq))) continue;
    started ??= row.t;
    if (row.truncated) truncated++;
    const text = row.opcode === 1 ? utf8OrUndefined(payload) : undefined;
    const rec: MessageRecord =
      text !== undefined
        ? { t: row.t, dir: row.dir, op: row.opcode, data: text }
        : { t: row.t, dir: row.dir, op: row.opcode, b64: toBase64(payload) };
    lines.push(JSON.stringify(rec));
  }
  const header: RecordingHeader = {
    format: RECORDING_FORMAT,
    version: 1,
    started: Math.floor(started ?? Date.now()),
    board: { ...board, source: 'frame-capture', ...(truncated ? { truncatedFrames: truncated } : {}) },
  };
  return { text: [JSON.stringify(header), ...lines].join('\n') + '\n', records: lines.length };
}

/** pcapng (LINKTYPE_RAW): per connection a TCP handshake, one packet per captured chunk, and the end as captured. */
export function exportPcapng(
  capture: FrameCapture,
  selection: ExportSelection,
  application: string,
): { bytes: Uint8Array; packets: number; connections: number } {
  const wanted = new Set<number>();
  const httpChunks = new Set<number>();
  for (const { row } of capture.allItems()) {
    if (row.kind === 'http') httpChunks.add(row.chunk);
    if (row.chunk && (!selection || selection.has(row.seq))) wanted.add(row.chunk);
  }
  const byConn = new Map<string, ChunkRecord[]>();
  for (const c of capture.allChunks()) {
    let list = byConn.get(c.connId);
    if (!list) byConn.set(c.connId, (list = []));
    list.push(c);
  }
  const packets: PcapPacket[] = [];
  let index = 0;
  for (const [connId, chunks] of byConn) {
    const include = (c: ChunkRecord) => !selection || wanted.has(c.no) || httpChunks.has(c.no);
    if (!chunks.some((c) => selection === undefined || wanted.has(c.no))) continue;
    const conn = capture.connection(connId);
    const host = conn?.meta.host ?? '';
    const serverIp = parseIpv4(host) ?? [192, 0, 2, 1 + (index % 250)];
    const loopback = serverIp[0] === 127;
    const client: Endpoint = {
      ip: parseIpv4(conn?.meta.localAddress ?? '') ?? (loopback ? [127, 0, 0, 1] : [192, 168, 0, 2]),
      port: conn?.meta.localPort ?? 49152 + (index % 16000),
    };
    const server: Endpoint = { ip: serverIp, port: conn?.meta.port || 8080 };
    const endKind = conn?.end?.kind;
    const end: SynthConnection['end'] =
      endKind === 'reset'
        ? { kind: 'server-rst', t: conn!.end!.t }
        : endKind === 'fin'
          ? { kind: 'server-fin', t: conn!.end!.t }
          : endKind === 'closed'
            ? { kind: 'client-fin', t: conn!.end!.t }
            : undefined;
    packets.push(
      ...synthesizeTcp({
        client,
        server,
        openedAt: conn?.openedAt ?? chunks[0]!.t,
        segments: chunks.map((c) => ({
          t: c.t,
          dir: c.dir === 'tx' ? 'c2s' : 's2c',
          bytes: c.bytes,
          include: include(c),
        })),
        end,
      }),
    );
    index++;
  }
  packets.sort((a, b) => a.t - b.t);
  const bytes = writePcapng(packets, {
    application,
    interfaceName: 'ws-link (synthetic IPv4/TCP around captured WebSocket bytes)',
    comment: 'TCP and IP headers are synthetic; payload bytes and chunk boundaries are as captured.',
  });
  return { bytes, packets: packets.length, connections: index };
}
