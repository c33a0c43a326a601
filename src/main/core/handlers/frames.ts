import type { framesCommands } from '../../../shared/bridge/contracts/frames';
import { compileFilter } from '../../../shared/frames/filter';
import type { CaptureStats, FrameRow } from '../../../shared/frames/types';
import { closePayload } from '../../../shared/ws-frames';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { BoardCaptures } from '../frames/board-captures';
import type { FrameCapture } from '../frames/capture';
import { buildDetail } from '../frames/detail';
import { exportNdjson, exportPcapng } from '../frames/export';
import { buildRawFrame, type RawSender } from '../frames/raw-sender';
import { SavedMessages } from '../frames/saved-messages';
import type { SenderSlot } from '../frames/sender-slot';

/** What the frames handlers work on. */
export interface FramesDeps {
  /** Every board's frame log. */
  readonly captures: BoardCaptures;
  readonly senders: SenderSlot;
  /** The board the pages show: a command that names no board acts on its log. */
  readonly focused: () => string | undefined;
  /** Board `id`'s name and host, for the exports' file names and headers. */
  readonly describe?: (id: string) => { name: string; host: string } | undefined;
  /** Batch period in ms (default 100). */
  readonly batchMs?: number;
}

/** A board's name as a file name's part: "Bench B" → "bench-b". */
const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

/** Handlers for the frame logs; also pushes each board's `frames:batch` every 100 ms and sweeps the quirk timers. */
export function framesHandlers(
  ctx: BenchContext,
  deps: FramesDeps,
): FeatureHandlers<keyof typeof framesCommands> {
  const { captures, senders } = deps;
  const saved = new SavedMessages(ctx.dataDir, ctx.log);
  const timer = setInterval(() => {
    for (const batch of captures.drainAll())
      if (ctx.hub.listenerCount('frames:batch') > 0) ctx.hub.emit('frames:batch', batch);
  }, deps.batchMs ?? 100);
  timer.unref();
  const offSender = senders.onChange((s) => ctx.hub.emit('frames:sender-changed', s));
  ctx.onClose(() => {
    clearInterval(timer);
    offSender();
  });

  /** The board a command acts on: the one it names, else the focused one. */
  const boardOf = (boardId: string | undefined): string => {
    const id = boardId ?? deps.focused();
    if (id === undefined)
      throw new BenchError(
        'UNAVAILABLE',
        'No board is selected: choose one in the app bar to see its frames.',
      );
    return id;
  };
  /** That board's log; a board the app has not linked to yet has an empty one. */
  const logOf = (boardId: string): FrameCapture | undefined => captures.get(boardId);
  const emptyStats = (): CaptureStats => ({
    held: 0,
    dropped: 0,
    lastSeq: 0,
    bytes: 0,
    capacity: captures.shareOf(captures.ids().length + 1).maxItems,
  });

  const sender = (): RawSender => {
    const s = senders.get();
    if (!s) throw new BenchError('UNAVAILABLE', senders.state().reason ?? 'No link to send on.');
    return s;
  };
  const sent = async (p: Promise<void>, bytes: number, header = '') => {
    try {
      await p;
    } catch (err) {
      throw new BenchError(
        'IO_ERROR',
        `The link did not take the frame: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return { bytes, header };
  };

  return {
    'frames:list': ({ from, count, filter, boardId }) => {
      const f = compileFilter(filter);
      if (!f.ok) throw new BenchError('BAD_REQUEST', f.error);
      const id = boardOf(boardId);
      const capture = logOf(id);
      const rows: FrameRow[] = [];
      let matched = 0;
      for (const { row } of capture?.allItems() ?? []) {
        if (!f.test(row)) continue;
        if (matched >= from && rows.length < count) rows.push(row);
        matched++;
      }
      return { boardId: id, matched, from, rows, stats: capture?.stats() ?? emptyStats() };
    },
    'frames:get': ({ seq, boardId }) => {
      const item = logOf(boardOf(boardId))?.get(seq);
      if (!item)
        throw new BenchError(
          'NOT_FOUND',
          `Frame #${seq} is no longer in this board's capture (it was cleared or dropped).`,
        );
      return buildDetail(item);
    },
    'frames:clear': ({ boardId }) => {
      const capture = logOf(boardOf(boardId));
      if (!capture) return emptyStats();
      capture.clear();
      return capture.stats();
    },
    'frames:sender': () => senders.state(),
    'frames:send-text': ({ text }) => sent(sender().sendText(text), new TextEncoder().encode(text).length),
    'frames:ping': ({ payload }) => {
      const bytes = new TextEncoder().encode(payload ?? '');
      if (bytes.length > 125) throw new BenchError('BAD_REQUEST', 'A ping payload is at most 125 bytes.');
      return sent(sender().ping(bytes), bytes.length);
    },
    'frames:close': ({ code, reason }) => {
      const body = closePayload(code, reason);
      if (body.length > 125)
        throw new BenchError('BAD_REQUEST', 'A close reason is at most 123 bytes of UTF-8.');
      return sent(sender().close(code, reason), body.length);
    },
    'frames:send-raw': (req) => {
      const frame = buildRawFrame(req);
      const s = sender();
      const headerLen =
        frame.length -
        (req.payloadHex !== undefined
          ? Math.floor(req.payloadHex.replace(/0x|[\s:,]/gi, '').length / 2)
          : new TextEncoder().encode(req.payloadText ?? '').length);
      return sent(
        s.sendRaw(frame),
        frame.length,
        Buffer.from(frame.subarray(0, headerLen))
          .toString('hex')
          .replace(/(..)(?=.)/g, '$1 '),
      );
    },
    'frames:saved-list': () => saved.all(),
    'frames:saved-put': ({ name, text }) => saved.put(name, text),
    'frames:saved-delete': ({ name }) => saved.delete(name),
    'frames:export': ({ format, seqs, boardId }) => {
      const id = boardOf(boardId);
      const capture = logOf(id);
      if (!capture) throw new BenchError('NOT_FOUND', 'This board has no frames to export yet.');
      const selection = seqs ? new Set(seqs) : undefined;
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      const board = deps.describe?.(id);
      const base = `frames-${board ? `${slug(board.name) || 'board'}-` : ''}${stamp}`;
      if (format === 'ndjson') {
        const { text, records } = exportNdjson(capture, selection, {
          app: ctx.identity.name,
          version: ctx.identity.version,
          ...(board ? { name: board.name, host: board.host } : {}),
        });
        return {
          fileName: `${base}.ndjson`,
          mime: 'application/x-ndjson',
          base64: Buffer.from(text).toString('base64'),
          count: records,
        };
      }
      const { bytes, packets } = exportPcapng(
        capture,
        selection,
        `${ctx.identity.name} ${ctx.identity.version}`,
      );
      return {
        fileName: `${base}.pcapng`,
        mime: 'application/vnd.tcpdump.pcap',
        base64: Buffer.from(bytes).toString('base64'),
        count: packets,
      };
    },
  };
}
