// The frame log's "split across TCP writes" note, checked against what really goes on the wire: the app's own
// sender (WsLink, the link LED commands and the composer use) talks to the firmware-profile virtual board, whose
// parser takes one frame per segment; tshark captures the loopback segments where it may (root).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../src/main/board';
import { FrameCapture } from '../../src/main/core/frames/capture';
import type { RawSender } from '../../src/main/core/frames/raw-sender';
import { WsLink } from '../../src/main/core/links/ws-link';
import { toHex } from '../../src/shared/frames/bytes';
import { ledCommandText } from '../../src/shared/protocol/messages';
import { encodeFrame } from '../../src/shared/ws-frames';
import { until } from '../support/wait';

const SPLIT_NOTE = 'frame split across TCP writes: the firmware drops it';
// A live capture on lo needs root (or CAP_NET_RAW on dumpcap); CI runs as root.
const canCapture = process.getuid?.() === 0;

interface Segment {
  readonly src: number;
  readonly dst: number;
  readonly hex: string;
}

/** tshark on lo for one port, printing each TCP segment with a payload as it sees it. */
class LiveCapture {
  readonly segments: Segment[] = [];
  private readonly proc: ChildProcess;
  private stderr = '';

  private constructor(
    port: number,
    private readonly primer: Server,
  ) {
    const primePort = (primer.address() as AddressInfo).port;
    this.proc = spawn(
      'tshark',
      [
        '-i',
        'lo',
        '-l',
        '-f',
        `tcp port ${port} or tcp port ${primePort}`,
        '-Y',
        'tcp.len > 0',
        '-T',
        'fields',
      ].concat(['tcp.srcport', 'tcp.dstport', 'tcp.payload'].flatMap((f) => ['-e', f])),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let rest = '';
    this.proc.stdout!.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const [src, dst, hex] = line.split('\t');
        this.segments.push({ src: Number(src), dst: Number(dst), hex: (hex ?? '').replace(/:/g, '') });
      }
    });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  /** Starts tshark and returns once it sees traffic: "Capturing on" is printed before the filter is live. */
  static async start(port: number): Promise<LiveCapture> {
    const primer = createServer((s) => s.on('error', () => undefined).resume());
    await new Promise<void>((r) => primer.listen(0, '127.0.0.1', r));
    const cap = new LiveCapture(port, primer);
    const primePort = (primer.address() as AddressInfo).port;
    await until(() => /Capturing on/.test(cap.stderr), 'tshark to start');
    let seen = false;
    while (!seen) {
      const c = connect(primePort, '127.0.0.1', () => c.end('prime'));
      c.on('error', () => undefined);
      seen = await until(() => cap.segments.some((s) => s.dst === primePort), 'tshark to see traffic', 200)
        .then(() => true)
        .catch(() => false);
    }
    return cap;
  }

  /** Payloads of the segments sent to `port`, in order. */
  to(port: number): string[] {
    return this.segments.filter((s) => s.dst === port).map((s) => s.hex);
  }

  stop(): void {
    this.primer.close();
    if (this.proc.exitCode === null) this.proc.kill('SIGINT');
  }
}

let board: RunningBoard | undefined;
let link: WsLink | undefined;
let tshark: LiveCapture | undefined;
afterEach(async () => {
  await link?.close();
  await board?.close();
  tshark?.stop();
  board = link = tshark = undefined;
});

async function setup() {
  board = await startBoard({ wsPort: 0, bootDelayMs: 0, telemetryMs: 60_000 });
  const logs: string[] = [];
  board.control.on('log', (l) => logs.push(l.text));
  const port = board.endpoints.wsPort;
  if (canCapture) tshark = await LiveCapture.start(port);
  const capture = new FrameCapture();
  const received: string[] = [];
  let sender: RawSender | undefined;
  link = new WsLink({
    host: '127.0.0.1',
    port,
    frameTap: capture,
    onRecord: (r) => r.dir === 'rx' && r.data && received.push(r.data),
    onSender: (s) => (sender = s),
  });
  link.start();
  await until(() => received.length >= 1 && sender, 'the first led-status');
  const txFrames = () =>
    [...capture.allItems()].filter((i) => i.row.kind === 'frame' && i.row.dir === 'tx').map((i) => i.row);
  const txChunks = () =>
    [...capture.allChunks()].filter((c) => c.dir === 'tx').map((c) => toHex(c.bytes, ''));
  return { port, logs, received, sender: sender!, txFrames, txChunks, board };
}

describe("the app's WebSocket sender against the firmware's one-frame-per-segment parser", () => {
  it('sends an LED command and a composed text as one write each: the board acts on both, the log marks neither', async () => {
    const { port, received, sender, txFrames, txChunks, board } = await setup();
    expect(link!.send(ledCommandText('yellow', true))).toBe(true);
    await until(() => received.some((t) => t.includes('"yellowLed":true')), 'the led-status for yellow on');
    await sender.sendText(ledCommandText('red', true));
    await until(() => received.some((t) => t.includes('"redLed":true')), 'the led-status for red on');
    expect(board.control.state().trackedLeds).toEqual({ yellowLed: true, redLed: true });

    const frames = txFrames();
    expect(frames.map((r) => r.preview)).toEqual(['led-command yellow=true', 'led-command red=true']);
    expect(frames.flatMap((r) => r.notes)).toEqual([]);
    // Each command is one chunk in the log: header (6 bytes) and masked payload together.
    const commandChunks = txChunks().slice(1);
    expect(commandChunks.map((h) => h.length / 2)).toEqual(
      [ledCommandText('yellow', true), ledCommandText('red', true)].map((t) => 6 + t.length),
    );
    if (tshark) {
      // On the wire: each of those chunks is exactly one TCP segment to the board.
      await until(() => tshark!.to(port).length >= 3, 'the segments in the capture');
      expect(tshark.to(port).slice(1)).toEqual(commandChunks);
    }
  });

  it('marks a frame the composer writes in two parts, which the board drops', async () => {
    const { port, logs, sender, txFrames, txChunks, board } = await setup();
    const frame = encodeFrame({
      opcode: 1,
      payload: ledCommandText('red', true),
      mask: Uint8Array.of(1, 2, 3, 4),
    });
    await sender.sendRaw(frame.subarray(0, 10));
    await until(() => logs.some((l) => l.includes('does not fit')), 'the board dropping the head');
    await sender.sendRaw(frame.subarray(10));
    await until(() => logs.filter((l) => /^ws: 127\.0\.0\.1:\d+: /.test(l)).length >= 2, 'the tail judged');
    expect(board.control.state().trackedLeds).toEqual({ yellowLed: false, redLed: false });

    expect(txFrames().map((r) => [r.preview, r.notes])).toEqual([['led-command red=true', [SPLIT_NOTE]]]);
    const halves = txChunks().slice(1);
    expect(halves).toEqual([toHex(frame.subarray(0, 10), ''), toHex(frame.subarray(10), '')]);
    if (tshark) {
      await until(() => tshark!.to(port).length >= 3, 'the segments in the capture');
      expect(tshark.to(port).slice(1)).toEqual(halves);
    }
  });
});
