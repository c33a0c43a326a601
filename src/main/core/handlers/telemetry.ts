import { basename } from 'node:path';
import type { telemetryCommands } from '../../../shared/bridge/contracts/telemetry';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { recordingToCsv, rowsToCsv } from '../telemetry/csv';
import { checkFolder } from '../telemetry/files';
import type { TelemetryService } from '../telemetry/service';
import { downloadFor, type HostAccess } from './host';

/**
 * Handlers for telemetry history, recording, the capture and CSV export. Files go only into the recordings folder
 * the user chose (or the app's own); in browser mode each answer also offers the file as a browser download.
 */
export function telemetryHandlers(
  ctx: BenchContext,
  tel: TelemetryService,
  host: HostAccess,
): FeatureHandlers<keyof typeof telemetryCommands> {
  const folder = (dir: string | undefined): string =>
    checkFolder(host.folders.confine('recordings', dir ?? host.folders.current('recordings')));
  return {
    'telemetry:history': ({ fromT, toT, maxPoints }) => tel.pipeline.history(fromT, toT, maxPoints),
    'telemetry:record-start': ({ dir }) => {
      const status = tel.recorder.start(folder(dir), tel.boardProfile());
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
      const written = tel.capture.save(folder(dir), tel.boardProfile());
      return { ...written, ...downloadFor(host, call, written.file) };
    },
    'telemetry:export-csv': async (req, call) => {
      const dir = folder(req.dir);
      let written;
      if (req.source === 'recording') {
        if (!req.file.endsWith('.ndjson'))
          throw new BenchError('BAD_REQUEST', 'Choose a recording (.ndjson) to export.');
        const file = host.folders.confine('recordings', req.file);
        written = await recordingToCsv(file, dir, basename(file, '.ndjson'));
      } else {
        if (!(req.toT > req.fromT))
          throw new BenchError(
            'BAD_REQUEST',
            'The export window is empty: its end must come after its start.',
          );
        if (!tel.pipeline.series.length)
          throw new BenchError('NOT_FOUND', 'There is no telemetry to export yet.');
        written = rowsToCsv(dir, 'telemetry', tel.pipeline.series, (row) =>
          tel.pipeline.forEachRow(req.fromT, req.toT, row),
        );
      }
      return { ...written, ...downloadFor(host, call, written.file) };
    },
  };
}
