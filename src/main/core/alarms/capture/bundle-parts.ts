// The bundle's other files: the frames of the window as pcapng (the frame log's own export, limited to the
// window), the serial lines with their times, and the pool-status reports.
import { writeFileSync } from 'node:fs';
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import { writePcapng } from '../../../../shared/pcapng/writer';
import { exportPcapng } from '../../frames/export';
import type { FrameCapture } from '../../frames/capture';
import type { SerialConsole } from '../../serial/serial-console';
import { SERIAL_SCROLLBACK } from '../../serial/board-consoles';
import { csvTime } from '../../telemetry/csv';
import type { PoolRing } from './pool-ring';

/** What a part wrote: its size and count, and why something is missing when it is. */
export interface PartResult {
  readonly bytes: number;
  readonly count: number;
  readonly missing?: string;
}

/** `frames.pcapng`: the board's frames (and the TCP chunks that carried them) with times in [fromT, toT]. */
export function writeFrames(
  file: string,
  capture: FrameCapture | undefined,
  fromT: number,
  toT: number,
  application: string,
): PartResult & { packets: number } {
  const selection = new Set<number>();
  let frames = 0;
  let oldest: number | undefined;
  for (const { row } of capture?.allItems() ?? []) {
    oldest ??= row.t;
    if (row.t < fromT || row.t > toT) continue;
    selection.add(row.seq);
    if (row.kind === 'frame') frames++;
  }
  // An empty selection still makes a valid file (section and interface headers, no packets).
  const { bytes, packets } = capture
    ? exportPcapng(capture, selection, application)
    : { bytes: emptyPcapng(application), packets: 0 };
  writeFileSync(file, bytes, { flag: 'wx' });
  const dropped = capture?.stats().dropped ?? 0;
  const missing = !capture
    ? 'the bench has no frame log of this board (it was never connected)'
    : dropped > 0 && oldest !== undefined && oldest > fromT
      ? `frames before ${csvTime(oldest)} had already left the frame log (its budget is shared by every board)`
      : frames === 0
        ? 'no WebSocket frame was sent or received in the window'
        : undefined;
  return { bytes: bytes.length, count: frames, packets, ...(missing ? { missing } : {}) };
}

function emptyPcapng(application: string): Uint8Array {
  return writePcapng([], { application, interfaceName: 'ws-link', comment: 'No frames in the window.' });
}

/** One serial line as text: its UTC time, two spaces, the line (a source change between `---`). */
function serialText(l: SerialLine): string {
  const text = l.mark ? `--- ${l.text} ---` : l.text;
  return `${csvTime(l.t)}  ${text}${l.overlong ? ' [cut: longer than the longest line kept]' : ''}`;
}

/** `serial.txt`: the board's serial lines in [fromT, toT], or a file saying why there are none. */
export function writeSerial(
  file: string,
  console: Pick<SerialConsole, 'history' | 'state'> | undefined,
  fromT: number,
  toT: number,
): PartResult {
  const lines = console?.history(SERIAL_SCROLLBACK.maxLines).lines ?? [];
  const inWindow = lines.filter((l) => l.t >= fromT && l.t <= toT);
  const input = console?.state().input;
  const head = [
    '# NUCLEO-MEM Bench serial lines (UTC receive time, two spaces, the line)',
    `# range: ${csvTime(fromT)} to ${csvTime(toT)} (both included)`,
  ];
  let missing: string | undefined;
  if (!console || (input?.kind === 'none' && lines.length === 0)) {
    missing = 'this board has no serial console (no device is open for it and it has no virtual UART)';
    head.push(`# ${missing}`);
  } else if (inWindow.length === 0) {
    missing = 'the serial console received no line in the window';
    head.push(`# ${missing}`);
  } else if ((console.state().stats.dropped ?? 0) > 0 && lines[0]!.t > fromT) {
    missing = `lines before ${csvTime(lines[0]!.t)} had already left the scrollback`;
    head.push(`# ${missing}`);
  }
  const text = [...head, ...inWindow.map(serialText)].join('\n') + '\n';
  writeFileSync(file, text, { flag: 'wx' });
  return { bytes: Buffer.byteLength(text), count: inWindow.length, ...(missing ? { missing } : {}) };
}

/** `pool-status.ndjson`: one JSON line per report in [fromT, toT] (`t`, `time`, `status` as parsed). */
export function writePools(
  file: string,
  pools: PoolRing,
  boardId: string,
  fromT: number,
  toT: number,
): PartResult {
  const { reports, keptFrom, trimmed } = pools.between(boardId, fromT, toT);
  const text = reports
    .map((r) => JSON.stringify({ t: r.t, time: new Date(r.t).toISOString(), status: r.status }) + '\n')
    .join('');
  writeFileSync(file, text, { flag: 'wx' });
  const missing =
    trimmed && keptFrom !== undefined && keptFrom > fromT
      ? `reports before ${csvTime(keptFrom)} are not in the file: the bench keeps each board's last 15 minutes ` +
        'or 2,000 reports, whichever is less'
      : reports.length === 0
        ? keptFrom === undefined
          ? 'the board sent no pool-status report (a firmware without it, or the link was down)'
          : 'no pool-status report arrived in the window'
        : undefined;
  return { bytes: Buffer.byteLength(text), count: reports.length, ...(missing ? { missing } : {}) };
}
