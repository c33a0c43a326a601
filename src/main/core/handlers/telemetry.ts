import { basename } from 'node:path';
import type { telemetryCommands } from '../../../shared/bridge/contracts/telemetry';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { recordingToCsv, rowsToCsv } from '../telemetry/csv';
import { checkFolder } from '../telemetry/files';
import type { TelemetryService } from '../telemetry/service';

/** Handlers for telemetry history, recording, the capture and CSV export. */
export function telemetryHandlers(
  ctx: BenchContext,
  tel: TelemetryService,
): FeatureHandlers<keyof typeof telemetryCommands> {
  const folder = (dir: string | undefined): string => {
    const real = checkFolder(dir ?? tel.lastDir);
    return real;
  };
  return {
    'telemetry:history': ({ fromT, toT, maxPoints }) => tel.pipeline.history(fromT, toT, maxPoints),
    'telemetry:record-start': ({ dir }) => {
      const status = tel.recorder.start(dir ?? tel.lastDir, tel.boardProfile());
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
      const written = tel.capture.save(folder(dir), tel.boardProfile());
      if (dir) tel.rememberDir(dir);
      return written;
    },
    'telemetry:export-csv': async (req) => {
      const dir = folder(req.dir);
      let written;
      if (req.source === 'recording') {
        if (!req.file.endsWith('.ndjson'))
          throw new BenchError('BAD_REQUEST', 'Choose a recording (.ndjson) to export.');
        written = await recordingToCsv(req.file, dir, basename(req.file, '.ndjson'));
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
      if (req.dir) tel.rememberDir(req.dir);
      return written;
    },
  };
}
