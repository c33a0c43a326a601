import { basename } from 'node:path';
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import type { telemetryCommands } from '../../../shared/bridge/contracts/telemetry';
import { firmwareField } from '../../../shared/telemetry/fields';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { recordingToCsv, windowCsv, writeNewCsv } from '../telemetry/csv';
import { checkFolder } from '../telemetry/files';
import { recordingBoard } from '../telemetry/recording-board';
import type { TelemetryService } from '../telemetry/service';

/** A board in words for a file's header: its name, host, and whether it is the virtual one. */
function boardWords(id: string | null, profile: BoardProfile | undefined): string {
  if (!profile) return id ?? 'none';
  return `${profile.name} (${profile.host}${profile.kind === 'virtual' ? ', virtual' : ''})`;
}

/** Handlers for telemetry history, recording, the capture, CSV export and field units. */
export function telemetryHandlers(
  ctx: BenchContext,
  tel: TelemetryService,
  profileOf: (id: string) => BoardProfile | undefined = () => undefined,
): FeatureHandlers<keyof typeof telemetryCommands> {
  const folder = (dir: string | undefined): string => {
    const real = checkFolder(dir ?? tel.lastDir);
    return real;
  };
  /** The board the telemetry comes from, for a recording's header. */
  const board = () => {
    const id = tel.pipeline.currentBoard;
    return id === null ? {} : recordingBoard(id, profileOf(id));
  };
  return {
    'telemetry:history': ({ fromT, toT, maxPoints }) => tel.pipeline.history(fromT, toT, maxPoints),
    'telemetry:record-start': ({ dir }) => {
      const status = tel.recorder.start(dir ?? tel.lastDir, board());
      tel.rememberDir(dir ?? tel.lastDir);
      ctx.log(`recording to ${status.file}`);
      return status;
    },
    'telemetry:record-stop': () => tel.recorder.stop(),
    'telemetry:recording-status': () => ({
      ...tel.recorder.state,
      folders: {
        defaultDir: tel.defaultDir,
        lastDir: tel.lastDir,
        captureMinutes: tel.capture.minutes,
        captureRecords: tel.capture.length,
      },
    }),
    'telemetry:save-capture': ({ dir }) => {
      const written = tel.capture.save(folder(dir), board());
      if (dir) tel.rememberDir(dir);
      return written;
    },
    'telemetry:export-csv': async (req) => {
      const dir = folder(req.dir);
      const units = ctx.settings.get().telemetryUnits;
      let written;
      if (req.source === 'recording') {
        if (!req.file.endsWith('.ndjson'))
          throw new BenchError('BAD_REQUEST', 'Choose a recording (.ndjson) to export.');
        written = await recordingToCsv(req.file, dir, basename(req.file, '.ndjson'), units);
      } else {
        if (!(req.toT >= req.fromT))
          throw new BenchError(
            'BAD_REQUEST',
            'The export window is empty: its end must not come before its start.',
          );
        if (!tel.pipeline.series.length)
          throw new BenchError('NOT_FOUND', 'There is no telemetry to export yet.');
        const board = tel.pipeline.currentBoard;
        const csv = windowCsv({
          board: boardWords(board, board === null ? undefined : profileOf(board)),
          series: tel.pipeline.series,
          units,
          fromT: req.fromT,
          toT: req.toT,
          view: req.view,
          walk: (row) => tel.pipeline.forEachRow(req.fromT, req.toT, row, true),
        });
        const file = writeNewCsv(dir, 'telemetry', csv.text);
        written = { ...file, rows: csv.rows, columns: csv.columns, fromT: req.fromT, toT: req.toT };
      }
      if (req.dir) tel.rememberDir(req.dir);
      return written;
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
