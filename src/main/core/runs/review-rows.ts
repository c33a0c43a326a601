// What a reviewed run's channel messages look like on the pages: frames in the frame log's row shape (the same
// one-line description the live log gives), serial lines, events in plain words, and the markers among the events.
// Messages come from a file: each is parsed and checked, never cast; one that does not fit is left out.
import type { RunEvent, RunMarker, RunSerialLine } from '../../../shared/bridge/contracts/runs';
import { toHex } from '../../../shared/frames/bytes';
import { opcodeName, type FrameRow } from '../../../shared/frames/types';
import { baseRow } from '../frames/capture-rows';
import { describeFrame } from '../frames/preview';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function json(data: Uint8Array): Obj | undefined {
  try {
    const v: unknown = JSON.parse(
      Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'),
    );
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A `/ws/frames` message as a frame log row (`seq` numbers the run's frames from 1, in file order). */
export function frameRow(seq: number, t: number, data: Uint8Array): FrameRow | undefined {
  return frameItem(seq, t, data)?.row;
}

/** A `/ws/frames` message as a frame log row and the payload bytes the file kept of it (the detail pane's). */
export function frameItem(
  seq: number,
  t: number,
  data: Uint8Array,
): { row: FrameRow; payload: Uint8Array } | undefined {
  const m = json(data);
  const link = num(m?.link);
  const opcode = num(m?.opcode);
  const dir = m?.dir;
  const payloadText = str(m?.payload);
  if (
    !m ||
    link === undefined ||
    opcode === undefined ||
    (dir !== 'rx' && dir !== 'tx') ||
    payloadText === undefined
  )
    return undefined;
  const payload = Buffer.from(payloadText, 'base64');
  const length = num(m.length) ?? payload.length;
  const truncated = m.truncated === true;
  const masked = m.masked === true;
  const fin = m.fin !== false;
  const { preview, msgType } = describeFrame(opcode, payload, length, truncated);
  const row: FrameRow = {
    ...baseRow(link, dir, 'frame', t, 0, msgType, preview),
    seq,
    fin,
    opcode,
    opName: opcodeName(opcode),
    masked,
    length,
    header: toHex(headerBytes(fin, opcode, masked, length)),
    truncated,
  };
  return { row, payload };
}

/** A `/ws/tcp` message as a frame log event row. */
export function tcpRow(seq: number, t: number, data: Uint8Array): FrameRow | undefined {
  const m = json(data);
  const link = num(m?.link);
  const kind = str(m?.kind);
  if (!m || link === undefined || !kind) return undefined;
  return { ...baseRow(link, undefined, 'event', t, 0, 'event', str(m.detail) ?? `TCP ${kind}`), seq };
}

/** The header's bytes without the masking key (a session file keeps whether a frame was masked, not its key). */
function headerBytes(fin: boolean, opcode: number, masked: boolean, length: number): Uint8Array {
  const ext = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const h = new Uint8Array(2 + ext);
  h[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  h[1] = (masked ? 0x80 : 0) | (ext === 0 ? length : ext === 2 ? 126 : 127);
  for (let i = 0; i < ext; i++) h[2 + i] = Math.floor(length / 2 ** (8 * (ext - 1 - i))) & 0xff;
  return h;
}

/** A `/serial/lines` message. */
export function serialLine(t: number, data: Uint8Array): RunSerialLine | undefined {
  const text = str(json(data)?.text);
  return text === undefined ? undefined : { t, text };
}

const WIRE_WORDS: Readonly<Record<string, string>> = {
  ws: 'WebSocket',
  http: 'HTTP',
  ftp: 'FTP',
  serial: 'Serial',
};

/** A `/bench/events` message in plain words: the kind and what the bench wrote, led by what it is about. */
export function benchEvent(t: number, data: Uint8Array): (RunEvent & { readonly raw: Obj }) | undefined {
  const m = json(data);
  const kind = str(m?.kind);
  if (!m || !kind) return undefined;
  const detail = str(m.detail) ?? '';
  const lead = ((): string => {
    switch (kind) {
      case 'link':
        return `${WIRE_WORDS[str(m.wire) ?? ''] ?? 'Link'} ${str(m.state) ?? ''}`.trim();
      case 'reboot':
        return 'Board rebooted';
      case 'led-command':
        return 'LED command';
      case 'led-status':
        return 'LED status';
      case 'fault':
        return 'Fault';
      case 'transfer':
        return `FTP ${str(m.direction) ?? 'transfer'} ${str(m.outcome) ?? ''}`.trim();
      case 'alarm':
        return m.alarm === 'cleared' ? 'Alarm cleared' : 'Alarm raised';
      case 'scenario':
        return 'Scenario';
      case 'marker':
        return m.source === 'bench' ? 'Bench marker' : 'Marker';
      default:
        return kind;
    }
  })();
  // Words that already begin with the lead ("Alarm raised: …") are not led twice.
  const words =
    !detail || detail === lead ? lead : detail.startsWith(`${lead}: `) ? detail : `${lead}: ${detail}`;
  return { t, kind, detail: words, raw: m };
}

/** The event as a marker, when it is one: notes, and the bench's own (reboot, link, fault, LED command, transfer, alarm). */
export function markerOf(t: number, e: { readonly kind: string; readonly raw: Obj }): RunMarker | undefined {
  const detail = str(e.raw.detail) ?? e.kind;
  switch (e.kind) {
    case 'marker':
      return {
        t,
        note: str(e.raw.note) ?? '',
        source: e.raw.source === 'bench' ? 'bench' : 'user',
        kind: 'marker',
      };
    case 'link':
      // The serial console's separators are not moments of the board; the network wires' states are.
      return e.raw.wire === 'serial' ? undefined : { t, note: detail, source: 'bench', kind: 'link' };
    case 'reboot':
    case 'fault':
    case 'led-command':
    case 'transfer':
    case 'alarm':
    case 'scenario':
      return { t, note: detail, source: 'bench', kind: e.kind };
    default:
      return undefined;
  }
}
