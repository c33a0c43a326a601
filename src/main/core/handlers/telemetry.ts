import { basename } from 'node:path';
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import type { telemetryCommands } from '../../../shared/bridge/contracts/telemetry';
import { firmwareField } from '../../../shared/telemetry/fields';
import type { ColumnMarker } from '../../../shared/telemetry/marker-column';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { recordingToCsv } from '../telemetry/csv';
import { checkFolder } from '../telemetry/files';
import { recordingBoard } from '../telemetry/recording-board';
import { LongHistory } from '../telemetry/long-history';
import { writeLiveWindowCsv } from '../telemetry/live-window-csv';
import type { TelemetryService } from '../telemetry/service';
import { downloadFor, type HostAccess } from './host';

/** A board in words for a file's header: its name, host, and whether it is the virtual one. */
function boardWords(id: string | null, profile: BoardProfile | undefined): string {
  if (!profile) return id ?? 'none';
  return `${profile.name} (${profile.host}${profile.kind === 'virtual' ? ', virtual' : ''})`;
}

/**
 * Handlers for telemetry history, recording, the capture, CSV export and field units. Files go only into the
 * recordings folder the user chose (or the app's own); in browser mode each answer also offers the file as a
 * browser download.
 */
export function telemetryHandlers(
  ctx: BenchContext,
  tel: TelemetryService,
  host: HostAccess,
  profileOf: (id: string) => BoardProfile | undefined = () => undefined,
  /** The markers of board `id`'s run being written (the flight recorder's: the user's and the bench's own). */
  markersOf: (id: string) => readonly ColumnMarker[] = () => [],
  longHistory: LongHistory = new LongHistory(tel.pipeline, () => undefined),
): FeatureHandlers<keyof typeof telemetryCommands> {
  const folder = (dir: string | undefined): string =>
    checkFolder(host.folders.confine('recordings', dir ?? host.folders.current('recordings')));
  /** The board the telemetry comes from, for a recording's header. */
  const board = () => {
    const id = tel.pipeline.currentBoard;
    return id === null ? {} : recordingBoard(id, profileOf(id));
  };
  return {
    'telemetry:history': (req) => longHistory.history(req),
    'telemetry:record-start': ({ dir }) => {
      const status = tel.recorder.start(folder(dir), board());
      ctx.log(`recording to ${status.file}`);
      return status;
    },
    'telemetry:record-stop': (_r, call) => {
      const wasActive = tel.recorder.state.active;
      const status = tel.recorder.stop();
      return { ...status, ...(wasActive && status.file ? downloadFor(host, call, status.file) : {}) };
    },
    'telemetry:recording-status': () => ({
      ...tel.recorder.state,
      folders: {
        defaultDir: host.folders.defaultFolder('recordings'),
        lastDir: host.folders.current('recordings'),
        captureMinutes: tel.capture.minutes,
        captureRecords: tel.capture.length,
      },
    }),
    'telemetry:save-capture': ({ dir }, call) => {
      const written = tel.capture.save(folder(dir), board());
      return { ...written, ...downloadFor(host, call, written.file) };
    },
    'telemetry:export-csv': async (req, call) => {
      const dir = folder(req.dir);
      const units = ctx.settings.get().telemetryUnits;
      let written;
      if (req.source === 'recording') {
        if (!req.file.endsWith('.ndjson'))
          throw new BenchError('BAD_REQUEST', 'Choose a recording (.ndjson) to export.');
        const file = host.folders.confine('recordings', req.file);
        written = await recordingToCsv(file, dir, basename(file, '.ndjson'), units);
      } else {
        if (!(req.toT >= req.fromT))
          throw new BenchError(
            'BAD_REQUEST',
            'The export window is empty: its end must not come before its start.',
          );
        if (!tel.pipeline.series.length)
          throw new BenchError('NOT_FOUND', 'There is no telemetry to export yet.');
        const board = tel.pipeline.currentBoard;
        written = await writeLiveWindowCsv({
          dir,
          board: boardWords(board, board === null ? undefined : profileOf(board)),
          units,
          fromT: req.fromT,
          toT: req.toT,
          view: req.view,
          markers: board === null ? [] : markersOf(board),
          memorySeries: tel.pipeline.series,
          recorded: longHistory.recorded(),
          memoryFull: memoryFull(tel.pipeline.history(undefined, undefined, 2)),
          heldFrom: () => tel.pipeline.history(req.toT, req.toT, 2).heldFrom,
          walkMemory: (from, row) => tel.pipeline.forEachRow(from, req.toT, row, true),
          older: (lo, hi, begin, row) => longHistory.forEachOlderSample(lo, hi, begin, row),
        });
      }
      return { ...written, ...downloadFor(host, call, written.file) };
    },
    'telemetry:set-unit': ({ field, unit }) => {
      const known = firmwareField(field);
      if (known)
        throw new BenchError(
          'BAD_REQUEST',
          `${field} is a firmware field: its unit is ${known.unit || 'none (a plain number)'} and cannot be changed.`,
        );
      const units = { ...ctx.settings.get().telemetryUnits };
      const trimmed = unit.trim();
      if (trimmed) units[field] = trimmed;
      else delete units[field];
      const next = ctx.settings.set({ telemetryUnits: units });
      ctx.hub.emit('settings:changed', next);
      return next.telemetryUnits;
    },
  };
}

/** Whether the shown board's memory is full, so it has let its oldest rows go. */
function memoryFull(h: { readonly rawRows: number; readonly capacity: number }): boolean {
  return h.capacity > 0 && h.rawRows >= h.capacity;
}
