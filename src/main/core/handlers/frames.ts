import type { framesCommands } from '../../../shared/bridge/contracts/frames';
import { compileFilter } from '../../../shared/frames/filter';
import type { FrameRow } from '../../../shared/frames/types';
import { closePayload } from '../../../shared/ws-frames';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { FrameCapture } from '../frames/capture';
import { buildDetail } from '../frames/detail';
import { exportNdjson, exportPcapng } from '../frames/export';
import { buildRawFrame, type RawSender } from '../frames/raw-sender';
import { SavedMessages } from '../frames/saved-messages';
import type { SenderSlot } from '../frames/sender-slot';

/** What the frames handlers work on. */
export interface FramesDeps {
  readonly capture: FrameCapture;
  readonly senders: SenderSlot;
  /** Batch period in ms (default 100). */
  readonly batchMs?: number;
}

/** Handlers for the frame log; also pushes `frames:batch` every 100 ms and sweeps the quirk timers. */
export function framesHandlers(
  ctx: BenchContext,
  deps: FramesDeps,
): FeatureHandlers<keyof typeof framesCommands> {
  const { capture, senders } = deps;
  const saved = new SavedMessages(ctx.dataDir, ctx.log);
  const timer = setInterval(() => {
    capture.sweep();
    const batch = capture.drainBatch();
    if (batch && ctx.hub.listenerCount('frames:batch') > 0) ctx.hub.emit('frames:batch', batch);
  }, deps.batchMs ?? 100);
  timer.unref();
  const offSender = senders.onChange((s) => ctx.hub.emit('frames:sender-changed', s));
  ctx.onClose(() => {
    clearInterval(timer);
    offSender();
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
    'frames:list': ({ from, count, filter }) => {
      const f = compileFilter(filter);
      if (!f.ok) throw new BenchError('BAD_REQUEST', f.error);
      const rows: FrameRow[] = [];
      let matched = 0;
      for (const { row } of capture.allItems()) {
        if (!f.test(row)) continue;
        if (matched >= from && rows.length < count) rows.push(row);
        matched++;
      }
      return { matched, from, rows, stats: capture.stats() };
    },
    'frames:get': ({ seq }) => {
      const item = capture.get(seq);
      if (!item)
        throw new BenchError(
          'NOT_FOUND',
          `Frame #${seq} is no longer in the capture (it was cleared or dropped).`,
        );
      return buildDetail(item);
    },
    'frames:clear': () => {
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
    'frames:export': ({ format, seqs }) => {
      const selection = seqs ? new Set(seqs) : undefined;
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      if (format === 'ndjson') {
        const { text, records } = exportNdjson(capture, selection, {
          app: ctx.identity.name,
          version: ctx.identity.version,
        });
        return {
          fileName: `frames-${stamp}.ndjson`,
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
        fileName: `frames-${stamp}.pcapng`,
        mime: 'application/vnd.tcpdump.pcap',
        base64: Buffer.from(bytes).toString('base64'),
        count: packets,
      };
    },
  };
}
