// A run's review index built while it is recorded: the session file writer hands it every message as it adds it
// (session-file-writer.ts, `index`), and when the file is closed the index is kept beside it (`<session>.mcap.lod`),
// so the run opens without its first pass. It reads the same bytes with the same decoder as the first pass
// (first-pass.ts) and gives the same pyramid, series, marks and markers (lod-builder.test.ts).
import type { RunMarker } from '../../../shared/bridge/contracts/runs';
import type { SessionChannelKey } from '../../../shared/session-file/channels';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { SessionIndexer } from '../flight/session-file-writer';
import { timelineMark } from './first-pass';
import { LodBuilder } from './lod-builder';
import { saveLodCache, type ReviewIndex } from './lod-cache';
import { benchEvent, markerOf } from './review-rows';
import { SampleDecoder } from './sample-decoder';

export class IncrementalIndex implements SessionIndexer {
  private builder: LodBuilder | undefined;
  private readonly decoder = new SampleDecoder();
  private readonly marks: TimelineMark[] = [];
  private readonly markers: RunMarker[] = [];
  private samples = 0;

  /** `log` hears an index that could not be kept (the run then gets its first pass when it ends, as before). */
  constructor(private readonly log: (message: string) => void = () => {}) {}

  add(key: SessionChannelKey, t: number, data: Uint8Array): void {
    // The file starts at its first message, whichever channel: so does the pyramid.
    this.builder ??= new LodBuilder(t);
    if (key === 'telemetry') {
      const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      this.decoder.decode(bytes, t, (st, row) => {
        this.samples++;
        this.builder!.add(st, row, this.decoder.series.length);
      });
    } else if (key === 'events') {
      const e = benchEvent(t, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      if (!e) return;
      const marker = markerOf(t, e);
      if (marker) this.markers.push(marker);
      const mark = timelineMark(t, e.raw, e.detail);
      if (mark) this.marks.push(mark);
    }
  }

  /** The index of the run [startMs, endMs]; undefined when it was not built from the file's first message. */
  index(startMs: number, endMs: number): ReviewIndex | undefined {
    const lod = this.builder?.finish(startMs, endMs);
    if (!lod) return undefined;
    const marks = [...this.marks].sort((a, b) => a.t - b.t);
    return { lod, series: this.decoder.series, samples: this.samples, marks, markers: [...this.markers] };
  }

  async finished(path: string, startMs: number, endMs: number): Promise<void> {
    const index = this.index(startMs, endMs);
    if (!index) return;
    await saveLodCache(path, index).catch((e: unknown) =>
      this.log(`session file: the level of detail of ${path} was not kept: ${String(e)}`),
    );
  }

  /** Bytes its pyramid holds now. */
  get bytes(): number {
    return this.builder?.bytes ?? 0;
  }
}
