// The one pass a review makes over a run when it opens (unless its level of detail is kept beside it): every
// telemetry message into the level-of-detail pyramid, every event into the reboot marks and the markers.
import type { FileHandle } from 'node:fs/promises';
import type { RunMarker } from '../../../shared/bridge/contracts/runs';
import type { SessionChannelKey } from '../../../shared/session-file/channels';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { OpenedSessionFile } from '../flight/session-file-reader';
import { walkChunks } from './chunk-walk';
import { LodPyramid } from './lod';
import type { ReviewIndex } from './lod-cache';
import { benchEvent, markerOf } from './review-rows';
import { SampleDecoder } from './sample-decoder';

/** One pass over the telemetry and events: the pyramid, the series, the marks and the markers. */
export async function firstPass(
  file: OpenedSessionFile,
  handle: FileHandle,
  ids: ReadonlyMap<SessionChannelKey, ReadonlySet<number>>,
  stop: () => boolean = () => false,
): Promise<ReviewIndex> {
  const from = file.startMs ?? 0;
  const lod = new LodPyramid(from, file.endMs ?? from);
  const decoder = new SampleDecoder();
  const telemetry = ids.get('telemetry') ?? new Set<number>();
  const eventIds = ids.get('events') ?? new Set<number>();
  const marks: TimelineMark[] = [];
  const markers: RunMarker[] = [];
  let samples = 0;
  await walkChunks(
    handle,
    file.mcap.chunkIndexes,
    new Set([...telemetry, ...eventIds]),
    (channel, t, data) => {
      if (telemetry.has(channel)) {
        decoder.decode(data, t, (st, row) => {
          samples++;
          lod.add(st, row, decoder.series.length);
        });
        return;
      }
      const e = benchEvent(t, data);
      if (!e) return;
      const marker = markerOf(t, e);
      if (marker) markers.push(marker);
      const mark = timelineMark(t, e.raw, e.detail);
      if (mark) marks.push(mark);
    },
    { shouldStop: stop },
  );
  if (stop()) throw new Error('the bench is closing');
  lod.finish();
  marks.sort((a, b) => a.t - b.t);
  return { lod, series: decoder.series, samples, marks, markers };
}

/** The mark on the time axis an event is, as the live chart marks it: reboots, the WebSocket link's states. */
export function timelineMark(
  t: number,
  raw: Record<string, unknown>,
  detail: string,
): TimelineMark | undefined {
  if (raw.kind === 'reboot') return { t, kind: 'reboot', detail };
  if (raw.kind !== 'link' || raw.wire !== 'ws') return undefined;
  const kind = raw.state === 'open' ? 'connect' : raw.state === 'closed' ? 'disconnect' : raw.state;
  return kind === 'connect' || kind === 'disconnect' || kind === 'stale' || kind === 'gap'
    ? { t, kind, detail }
    : undefined;
}
