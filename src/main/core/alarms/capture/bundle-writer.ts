// Writes one capture bundle: a new folder with the telemetry CSV, the frames as pcapng, the serial lines, the
// pool-status reports, the charts and summary.json (docs/alarm-captures.md). A part that cannot be written is
// named in the summary's `missing` with why; the bundle fails only when its folder or summary cannot be written.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmRule } from '../../../../shared/alarms/rules';
import type { AlarmRecord } from '../../../../shared/bridge/contracts/alarms';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import type { ColumnMarker } from '../../../../shared/telemetry/marker-column';
import type { FrameCapture } from '../../frames/capture';
import type { SerialConsole } from '../../serial/serial-console';
import type { TelemetryPipeline } from '../../telemetry/pipeline';
import { writeFrames, writePools, writeSerial, type PartResult } from './bundle-parts';
import { drawCharts, MAX_PANELS, PLOT_W } from './chart-png';
import type { PoolRing } from './pool-ring';
import { SUMMARY_FORMAT, summaryText, type CaptureSummary } from './summary';
import { writeTelemetry, type TelemetryPart } from './telemetry-part';

/** Where a bundle's data comes from: the core's in-memory per-board stores. */
export interface BundleSources {
  readonly telemetry: Pick<TelemetryPipeline, 'rowsOf'>;
  readonly frames: (boardId: string) => FrameCapture | undefined;
  readonly serial: (boardId: string) => SerialConsole | undefined;
  readonly pools: PoolRing;
  readonly units: () => FieldUnits | undefined;
  /** The markers of the board's run being recorded (for the CSV's `marker` column). */
  readonly markers: (boardId: string) => readonly ColumnMarker[];
  /** "<app> <version>", for the pcapng's section header. */
  readonly application: string;
}

/** One bundle to write. */
export interface BundleJob {
  /** The folder's name (also the bundle's id). */
  readonly id: string;
  readonly dir: string;
  readonly alarm: AlarmRecord;
  readonly rule: AlarmRule;
  readonly boardId: string;
  readonly boardName: string;
  /** The board in words for the CSV's preamble ("Bench A (192.168.0.50)"). */
  readonly boardWords: string;
  readonly t: number;
  readonly fromT: number;
  readonly toT: number;
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Writes the bundle's files; throws only when its folder cannot be made. Returns its summary. */
export async function writeBundle(
  job: BundleJob,
  src: BundleSources,
  cutShort?: string,
): Promise<CaptureSummary> {
  mkdirSync(job.dir);
  const files: CaptureSummary['files'] = [];
  const missing: CaptureSummary['missing'] = cutShort ? [{ file: 'every file', why: cutShort }] : [];
  const part = async <R extends { bytes: number; missing?: string }>(
    name: string,
    what: string,
    write: (file: string) => R | Promise<R>,
    count: (r: R) => number,
  ): Promise<R | undefined> => {
    try {
      const r = await write(join(job.dir, name));
      files.push({ name, bytes: r.bytes, count: count(r), what });
      if (r.missing) missing.push({ file: name, why: r.missing });
      return r;
    } catch (err) {
      missing.push({ file: name, why: `could not be written: ${why(err)}` });
      return undefined;
    }
  };
  const { t, fromT, toT, boardId } = job;
  const tel = await part<TelemetryPart>(
    'telemetry.csv',
    'telemetry rows',
    (file) =>
      writeTelemetry(src.telemetry, {
        file,
        boardId,
        boardWords: job.boardWords,
        t,
        fromT,
        toT,
        units: src.units(),
        markers: src.markers(boardId),
        width: PLOT_W,
      }),
    (r) => r.rows,
  );
  await part<PartResult>(
    'frames.pcapng',
    'WebSocket frames',
    (file) => writeFrames(file, src.frames(boardId), fromT, toT, src.application),
    (r) => r.count,
  );
  await part<PartResult>(
    'serial.txt',
    'serial lines',
    (file) => writeSerial(file, src.serial(boardId), fromT, toT),
    (r) => r.count,
  );
  await part<PartResult>(
    'pool-status.ndjson',
    'pool-status reports',
    (file) => writePools(file, src.pools, boardId, fromT, toT),
    (r) => r.count,
  );
  if (tel)
    await part(
      'charts.png',
      'chart panels',
      (file) => {
        const png = drawCharts({
          chart: tel.chart,
          t,
          rule: job.rule,
          boardName: job.boardName,
          units: src.units(),
        });
        writeFileSync(file, png, { flag: 'wx' });
        return { bytes: png.length };
      },
      () => Math.min(tel.chart.series.length, MAX_PANELS),
    );
  else missing.push({ file: 'charts.png', why: 'not drawn: the telemetry could not be read' });

  const summary: CaptureSummary = {
    format: SUMMARY_FORMAT,
    version: 1,
    id: job.id,
    state: 'done',
    board: { id: boardId, name: job.boardName },
    rule: job.rule,
    alarm: { ...job.alarm },
    t,
    fromT,
    toT,
    files,
    missing,
  };
  const text = summaryText(summary, {
    valuesAt: tel?.valuesAt ?? {},
    preS: (t - fromT) / 1000,
    postS: (toT - t) / 1000,
  });
  writeFileSync(join(job.dir, 'summary.json'), text, { flag: 'wx' });
  files.push({ name: 'summary.json', bytes: statSync(join(job.dir, 'summary.json')).size });
  return summary;
}
